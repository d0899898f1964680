package org.queueanalytics.emulator.observations;

import java.util.Objects;

/**
 * One entry of a result group's {@code data}: {@code {"metric","qualifier"?,"stats":{"count","calculatedMetricValue"?}}}.
 *
 * @param qualifier        null for metrics without one
 * @param calculatedValue  epoch ms of the oldest start for {@code oLongestWaiting}/{@code oLongestInteracting};
 *                         null otherwise and when the count is 0
 */
public record ObservationValue(ObservationMetric metric, String qualifier, long count, Long calculatedValue) {
    public ObservationValue {
        Objects.requireNonNull(metric, "metric");
        if (count < 0) {
            throw new IllegalArgumentException("count must be ≥ 0, got " + count);
        }
    }

    static ObservationValue of(ObservationMetric metric, long count) {
        return new ObservationValue(metric, null, count, null);
    }

    static ObservationValue qualified(ObservationMetric metric, String qualifier, long count) {
        return new ObservationValue(metric, qualifier, count, null);
    }
}
