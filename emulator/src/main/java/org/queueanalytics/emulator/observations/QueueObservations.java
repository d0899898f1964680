package org.queueanalytics.emulator.observations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The live state of the queues at one instant, exactly as the observations endpoint answers it at that instant
 * (for the same filter and metrics): result groups in catalog order — each queue's media types in its own order,
 * then its user group — and, inside a group, metrics in request order.
 */
public record QueueObservations(Instant at, List<ObservationGroup> groups) {
    public QueueObservations {
        Objects.requireNonNull(at, "at");
        groups = List.copyOf(groups);
    }

    /** Every value, flattened ("" for no media type and no qualifier). */
    public List<ObservationRow> rows() {
        List<ObservationRow> rows = new ArrayList<>();
        for (ObservationGroup group : groups) {
            for (ObservationValue value : group.data()) {
                rows.add(new ObservationRow(group.queueId(), group.mediaType() == null ? "" : group.mediaType(),
                        value.metric().wireName(), value.qualifier() == null ? "" : value.qualifier(), value.count(),
                        value.calculatedValue()));
            }
        }
        return rows;
    }

    /**
     * One value. {@code mediaType} is null (or "") for user metrics, {@code qualifier} null (or "") for metrics
     * without one.
     */
    public Optional<ObservationValue> find(String queueId, String mediaType, ObservationMetric metric, String qualifier) {
        String media = mediaType == null || mediaType.isEmpty() ? null : mediaType;
        String qualified = qualifier == null || qualifier.isEmpty() ? null : qualifier;
        return groups.stream()
                .filter(g -> g.queueId().equals(queueId) && Objects.equals(g.mediaType(), media))
                .flatMap(g -> g.data().stream())
                .filter(v -> v.metric() == metric && Objects.equals(v.qualifier(), qualified))
                .findFirst();
    }

    /** The count of one value; 0 when it is absent. */
    public long count(String queueId, String mediaType, ObservationMetric metric, String qualifier) {
        return find(queueId, mediaType, metric, qualifier).map(ObservationValue::count).orElse(0L);
    }
}
