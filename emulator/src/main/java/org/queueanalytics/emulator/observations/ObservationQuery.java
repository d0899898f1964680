package org.queueanalytics.emulator.observations;

import java.util.List;
import java.util.Objects;
import org.queueanalytics.emulator.analytics.QueryFilter;

/**
 * A validated queue observation query: which (queue, media type) pairs ({@code filter}, over the
 * dimensions {@code queueId} and {@code mediaType}) and which metrics, each once, in request order.
 */
public record ObservationQuery(QueryFilter filter, List<ObservationMetric> metrics) {
    public static final String QUEUE_ID = "queueId";
    public static final String MEDIA_TYPE = "mediaType";

    public ObservationQuery {
        Objects.requireNonNull(filter, "filter");
        metrics = List.copyOf(metrics);
    }

    /** Every supported metric over every queue and media type. */
    public static ObservationQuery everything() {
        return new ObservationQuery(QueryFilter.matchAll(), ObservationMetric.all());
    }
}
