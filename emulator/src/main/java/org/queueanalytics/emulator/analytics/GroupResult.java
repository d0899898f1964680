package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One {@code results[]} entry: a group (dimensions sorted by name) and its non-empty buckets in time order. */
public record GroupResult(Map<String, String> group, List<Bucket> buckets) {
    public GroupResult {
        group = Collections.unmodifiableMap(new TreeMap<>(group));
        buckets = List.copyOf(buckets);
    }

    /** One {@code data[]} entry: the metrics that have a value, in request order. */
    public record Bucket(Instant start, Instant end, Map<Metric, MetricValue> metrics) {
    }
}
