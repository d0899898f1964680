package org.queueanalytics.common.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One Kafka record of the live queue state: one metric of one (queue, media type) in one answer of Genesys's
 * queue observations query, observed at {@code observedAt} (when the answer arrived). JSON field names are the
 * snake_case of the component names ({@link ObservationJson}); docs/ARCHITECTURE.md "Live queue state" is the
 * contract.
 *
 * <p>{@code mediaType} is empty for the user metrics ({@code oOnQueueUsers}, {@code oActiveUsers}, …), which
 * Genesys groups per queue only; {@code qualifier} is empty when Genesys sends none (it carries the routing
 * status of {@code oOnQueueUsers}, e.g. {@code IDLE}). {@code calculatedValue} is Genesys's
 * {@code stats.calculatedMetricValue}, null when absent: for {@code oLongestWaiting} and
 * {@code oLongestInteracting} the epoch millisecond at which the oldest such conversation started, so the
 * longest wait at {@code observedAt} is {@code observedAt − calculatedValue}.
 */
public record QueueObservationRecord(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String queueId,
        @JsonProperty(required = true) String queueName,
        @JsonProperty(required = true) String mediaType,
        @JsonProperty(required = true) String metric,
        @JsonProperty(required = true) String qualifier,
        @JsonProperty(required = true) long count,
        @JsonProperty(required = true) Long calculatedValue,
        @JsonProperty(required = true) Instant observedAt) {

    public static final int SCHEMA_VERSION = 1;

    public QueueObservationRecord {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema_version must be " + SCHEMA_VERSION + " (was " + schemaVersion + ")");
        }
        requireText("queue_id", queueId);
        requireText("metric", metric);
        if (queueName == null || mediaType == null || qualifier == null || observedAt == null) {
            throw new IllegalArgumentException("queue_name, media_type, qualifier and observed_at must not be null");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative (was " + count + ")");
        }
    }

    /** A record of the current schema version. */
    public static QueueObservationRecord of(String queueId, String queueName, String mediaType, String metric, String qualifier,
                                            long count, Long calculatedValue, Instant observedAt) {
        return new QueueObservationRecord(SCHEMA_VERSION, queueId, queueName, mediaType, metric, qualifier, count,
                calculatedValue, observedAt);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }
}
