package org.queueanalytics.consumer.clickhouse.testing;

import java.time.Instant;
import org.queueanalytics.common.record.QueueObservationRecord;

/** Observation records for the tests of the live-state pipeline. */
public final class Observations {
    public static final Instant OBSERVED_AT = Instant.parse("2026-12-05T07:40:15.123Z");

    private Observations() {
    }

    /** A conversation metric: per (queue, media type), no qualifier. */
    public static QueueObservationRecord waiting(String queueId, long count) {
        return QueueObservationRecord.of(queueId, "Queue " + queueId, "voice", "oWaiting", "", count, null, OBSERVED_AT);
    }

    /** oLongestWaiting: its calculated value is when the oldest waiting conversation started waiting. */
    public static QueueObservationRecord longestWaiting(String queueId, long count, long since) {
        return QueueObservationRecord.of(queueId, "Queue " + queueId, "voice", "oLongestWaiting", "", count, since, OBSERVED_AT);
    }

    /** A user metric: per queue only (empty media type), with a routing-status qualifier. */
    public static QueueObservationRecord onQueue(String queueId, String qualifier, long count) {
        return QueueObservationRecord.of(queueId, "Queue " + queueId, "", "oOnQueueUsers", qualifier, count, null, OBSERVED_AT);
    }
}
