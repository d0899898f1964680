package org.queueanalytics.emulator.observations;

/**
 * One (queue, media type, metric, qualifier) value, flattened the way the pipeline's Kafka record carries it:
 * {@code mediaType} is "" for user metrics and {@code qualifier} is "" when there is none.
 *
 * @param calculatedValue {@code calculatedMetricValue}, or null
 */
public record ObservationRow(String queueId, String mediaType, String metric, String qualifier, long count,
                             Long calculatedValue) {
}
