package org.queueanalytics.consumer.audit;

import java.time.Instant;

/**
 * The identity of one interval's statistics within a queue: media type, interval start (whole
 * seconds, as the table's {@code DateTime} holds it) and granularity. With the queue id it is
 * the audit's key (queue_id, media_type, interval_start, granularity).
 */
public record AuditKey(String mediaType, long intervalStartSecond, String granularity) {
    /** {@code voice 2025-01-27T08:00:00Z PT30M}, for reports. */
    public String describe(String queueId) {
        return queueId + " " + mediaType + " " + Instant.ofEpochSecond(intervalStartSecond) + " " + granularity;
    }
}
