package org.queueanalytics.emulator.observations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of a {@code QueueObservationQueryResponse}:
 * {@code {"results":[{"group":{"queueId","mediaType"?},"data":[{"metric","qualifier"?,"stats":{"count",
 * "calculatedMetricValue"?}}]}]}}. Nothing matched → {@code {}} (or {@code {"results":[]}}, the same option as
 * the aggregates'), never an empty body.
 */
public final class ObservationsRenderer {
    private final boolean emptyAsEmptyObject;

    public ObservationsRenderer(boolean emptyAsEmptyObject) {
        this.emptyAsEmptyObject = emptyAsEmptyObject;
    }

    public Map<String, Object> render(QueueObservations observations) {
        if (observations.groups().isEmpty() && emptyAsEmptyObject) {
            return Map.of();
        }
        return Map.of("results", observations.groups().stream().map(ObservationsRenderer::group).toList());
    }

    private static Map<String, Object> group(ObservationGroup group) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(ObservationQuery.QUEUE_ID, group.queueId());
        if (group.mediaType() != null) {
            key.put(ObservationQuery.MEDIA_TYPE, group.mediaType());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", key);
        result.put("data", group.data().stream().map(ObservationsRenderer::value).toList());
        return result;
    }

    private static Map<String, Object> value(ObservationValue value) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", value.count());
        if (value.calculatedValue() != null) {
            stats.put("calculatedMetricValue", value.calculatedValue());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metric", value.metric().wireName());
        if (value.qualifier() != null) {
            data.put("qualifier", value.qualifier());
        }
        data.put("stats", stats);
        return data;
    }
}
