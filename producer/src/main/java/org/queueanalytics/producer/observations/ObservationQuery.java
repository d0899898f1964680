package org.queueanalytics.producer.observations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/v2/analytics/queues/observations/query} ({@code QueueObservationQuery})
 * for a batch of queues: an {@code or} filter of {@code queueId} predicates and the metrics asked for.
 * No {@code detailMetrics}, no media-type filter: every media type of the queue is observed.
 *
 * <p>Genesys caps the filter at {@link #MAX_QUEUES} predicates; {@link #batches} is the one place
 * the queues are cut into queries, and the constructor refuses a batch that breaks the cap.
 */
public record ObservationQuery(List<String> queueIds, List<String> metrics) {
    /** Queue predicates per query (Genesys' limit on a filter's predicates). */
    public static final int MAX_QUEUES = 100;

    public ObservationQuery {
        queueIds = List.copyOf(queueIds);
        metrics = List.copyOf(metrics);
        if (queueIds.isEmpty() || queueIds.size() > MAX_QUEUES) {
            throw new IllegalArgumentException("an observations query names 1.." + MAX_QUEUES + " queues (was "
                    + queueIds.size() + ")");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an observations query asks for at least one metric");
        }
    }

    /** {@code queueIds} in queries of at most {@link #MAX_QUEUES}, in order: ⌈n / 100⌉ queries. */
    public static List<ObservationQuery> batches(List<String> queueIds, List<String> metrics) {
        List<ObservationQuery> out = new ArrayList<>();
        for (int from = 0; from < queueIds.size(); from += MAX_QUEUES) {
            out.add(new ObservationQuery(queueIds.subList(from, Math.min(queueIds.size(), from + MAX_QUEUES)), metrics));
        }
        return out;
    }

    /** The query as Genesys reads it. */
    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode body = json.objectNode();
        ObjectNode filter = body.putObject("filter");
        filter.put("type", "or");
        ArrayNode predicates = filter.putArray("predicates");
        for (String id : queueIds) {
            predicates.addObject().put("type", "dimension").put("dimension", "queueId").put("operator", "matches").put("value", id);
        }
        ArrayNode asked = body.putArray("metrics");
        metrics.forEach(asked::add);
        return body;
    }
}
