package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of an aggregates answer:
 * {@code {"results":[{"group":{…},"data":[{"interval":"a/b","metrics":[{"metric","stats"}]}]}]}}.
 * Nothing matched → {@code {}}, as Genesys itself answers, or optionally {@code {"results":[]}} — never an
 * empty body.
 */
public final class AggregatesRenderer {
    private static final DateTimeFormatter INTERVAL_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final boolean emptyAsEmptyObject;

    public AggregatesRenderer(boolean emptyAsEmptyObject) {
        this.emptyAsEmptyObject = emptyAsEmptyObject;
    }

    public Map<String, Object> render(List<GroupResult> results) {
        if (results.isEmpty() && emptyAsEmptyObject) {
            return Map.of();
        }
        return Map.of("results", results.stream().map(AggregatesRenderer::group).toList());
    }

    public static String interval(Instant start, Instant end) {
        return INTERVAL_INSTANT.format(start) + "/" + INTERVAL_INSTANT.format(end);
    }

    private static Map<String, Object> group(GroupResult result) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("group", result.group());
        group.put("data", result.buckets().stream().map(AggregatesRenderer::bucket).toList());
        return group;
    }

    private static Map<String, Object> bucket(GroupResult.Bucket bucket) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("interval", interval(bucket.start(), bucket.end()));
        data.put("metrics", bucket.metrics().entrySet().stream().map(e -> {
            Map<String, Object> metric = new LinkedHashMap<>();
            metric.put("metric", e.getKey().wireName());
            metric.put("stats", e.getValue().stats());
            return metric;
        }).toList());
        return data;
    }
}
