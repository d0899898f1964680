package org.queueanalytics.producer.observations;

import java.time.Instant;
import java.util.Objects;

/**
 * One snapshot as the status and the metrics see it.
 *
 * @param startedAt        when it started
 * @param endedAt          when its records were acknowledged (or it gave up)
 * @param outcome          complete, partial or failed
 * @param queries          queries it needed
 * @param answered         queries answered
 * @param skipped          queries not sent for want of a budget slot
 * @param recordsPublished records Kafka acknowledged
 * @param publishFailed    true when Kafka did not take the records
 * @param error            what failed (Genesys, Kafka, or an unexpected exception), or null
 */
public record SnapshotReport(Instant startedAt, Instant endedAt, SnapshotOutcome outcome, int queries, int answered, int skipped,
                             long recordsPublished, boolean publishFailed, String error) {
    public SnapshotReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** True when it delivered something: complete or partial. */
    public boolean delivered() {
        return outcome != SnapshotOutcome.FAILED;
    }
}
