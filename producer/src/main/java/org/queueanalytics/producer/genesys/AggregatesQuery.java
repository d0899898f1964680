package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.queueanalytics.producer.planning.TimeWindow;

/**
 * The body of {@code POST /api/v2/analytics/conversations/aggregates/query} for a batch of at
 * most {@link #MAX_QUEUES} queues and one window, exactly as reference/genesys-cloud-api.md shows:
 * UTC, {@code groupBy ["queueId","mediaType"]}, an {@code or} filter of queue predicates, the
 * reference's metric list. With media types configured, the queue filter becomes a clause of an
 * {@code and} filter whose predicates are the media type (one type) or a second {@code or} clause
 * (several types — and-ing two media-type predicates would match nothing).
 */
public record AggregatesQuery(List<String> queueIds, TimeWindow window, Duration granularity, List<String> mediaTypes) {
    public static final int MAX_QUEUES = 100;
    public static final List<String> METRICS = List.of("nOffered", "tAnswered", "tAbandon", "tShortAbandon", "tFlowOut",
            "nOverSla", "oServiceLevel", "tWait", "tTalkComplete", "tHeldComplete", "tAcw", "tHandle", "nTransferred");
    static final String PATH = "/api/v2/analytics/conversations/aggregates/query";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    public AggregatesQuery {
        queueIds = List.copyOf(queueIds);
        mediaTypes = List.copyOf(mediaTypes);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(granularity, "granularity");
        if (queueIds.isEmpty() || queueIds.size() > MAX_QUEUES) {
            throw new IllegalArgumentException("an aggregates query names 1.." + MAX_QUEUES + " queues (was " + queueIds.size() + ")");
        }
    }

    /** {@code 2025-01-27T08:00:00.000Z/2025-01-27T10:00:00.000Z}. */
    public String interval() {
        return INSTANT.format(window.start()) + "/" + INSTANT.format(window.end());
    }

    public ObjectNode toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put("interval", interval());
        body.put("granularity", granularity.toString());
        body.put("timeZone", "UTC");
        body.putArray("groupBy").add("queueId").add("mediaType");
        ObjectNode queues = orFilter("queueId", queueIds);
        if (mediaTypes.isEmpty()) {
            body.set("filter", queues);
        } else {
            ObjectNode filter = body.putObject("filter");
            filter.put("type", "and");
            ArrayNode clauses = filter.putArray("clauses");
            clauses.add(queues);
            if (mediaTypes.size() == 1) {
                filter.putArray("predicates").addObject()
                        .put("dimension", "mediaType")
                        .put("value", mediaTypes.get(0));
            } else {
                clauses.add(orFilter("mediaType", mediaTypes));
            }
        }
        ArrayNode metrics = body.putArray("metrics");
        METRICS.forEach(metrics::add);
        return body;
    }

    /** Same query for a subset of its queues (used when Genesys refuses a query as too large). */
    public AggregatesQuery withQueues(List<String> subset) {
        return new AggregatesQuery(subset, window, granularity, mediaTypes);
    }

    private static ObjectNode orFilter(String dimension, List<String> values) {
        ObjectNode or = JSON.createObjectNode();
        or.put("type", "or");
        ArrayNode predicates = or.putArray("predicates");
        for (String value : values) {
            predicates.addObject()
                    .put("type", "dimension")
                    .put("dimension", dimension)
                    .put("operator", "matches")
                    .put("value", value);
        }
        return or;
    }
}
