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
 * The body of {@code POST /api/v2/analytics/conversations/aggregates/query} for a batch of queues
 * and one window, exactly as reference/genesys-cloud-api.md shows:
 * UTC, {@code groupBy ["queueId","mediaType"]}, an {@code or} filter of queue predicates, the
 * reference's metric list. With media types configured, the queue filter becomes a clause of an
 * {@code and} filter whose predicates are the media type (one type) or a second {@code or} clause
 * (several types — and-ing two media-type predicates would match nothing).
 *
 * <p>Genesys caps a query's filter at {@link #MAX_PREDICATES} predicates, counted over the whole
 * filter tree: every queue and every media type is one. So a batch holds at most
 * {@link #maxQueues(int) 100 − media types} queues (2 media types → 98 queues, none → 100); this is
 * the one place that rule lives, and the constructor refuses a batch that breaks it.
 */
public record AggregatesQuery(List<String> queueIds, TimeWindow window, Duration granularity, List<String> mediaTypes) {
    /** Genesys' limit on the predicates of one query's filter (queue and media-type predicates together). */
    public static final int MAX_PREDICATES = 100;
    public static final List<String> METRICS = List.of("nOffered", "tAnswered", "tAbandon", "tShortAbandon", "tFlowOut",
            "nOverSla", "oServiceLevel", "tWait", "tTalkComplete", "tHeldComplete", "tAcw", "tHandle", "nTransferred",
            "tAlert", "tNotResponding", "nConnected", "tAcd", "nConsult", "nConsultTransferred", "nBlindTransferred",
            "nOutbound", "nError", "tVoicemail", "oServiceTarget");
    static final String PATH = "/api/v2/analytics/conversations/aggregates/query";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    public AggregatesQuery {
        queueIds = List.copyOf(queueIds);
        mediaTypes = List.copyOf(mediaTypes);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(granularity, "granularity");
        int maxQueues = maxQueues(mediaTypes.size());
        if (queueIds.isEmpty() || queueIds.size() > maxQueues) {
            throw new IllegalArgumentException("an aggregates query with " + mediaTypes.size() + " media type(s) names 1.."
                    + maxQueues + " queues, so that its filter has at most " + MAX_PREDICATES + " predicates (was "
                    + queueIds.size() + ")");
        }
    }

    /**
     * The most queues one query can name next to {@code mediaTypes} media-type predicates:
     * {@code MAX_PREDICATES − mediaTypes}.
     *
     * @throws IllegalArgumentException when the media types alone leave no room for a queue
     */
    public static int maxQueues(int mediaTypes) {
        if (mediaTypes < 0 || mediaTypes >= MAX_PREDICATES) {
            throw new IllegalArgumentException("an aggregates query has room for " + (MAX_PREDICATES - 1)
                    + " media types at most (was " + mediaTypes + ")");
        }
        return MAX_PREDICATES - mediaTypes;
    }

    /** The predicates of this query's filter: one per queue and one per media type. */
    public int predicates() {
        return queueIds.size() + mediaTypes.size();
    }

    /**
     * What was asked, for error messages: interval, granularity, how many queues and predicates, the
     * media types and the metrics. No queue ids (there may be a hundred) and nothing secret.
     */
    public String shape() {
        return "interval " + interval() + ", granularity " + granularity + ", " + queueIds.size() + " queue(s), "
                + predicates() + " predicate(s), media types " + (mediaTypes.isEmpty() ? "(all)" : String.join(",", mediaTypes))
                + ", metrics " + String.join(",", METRICS);
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
