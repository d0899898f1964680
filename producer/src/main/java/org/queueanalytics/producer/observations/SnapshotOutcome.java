package org.queueanalytics.producer.observations;

import java.util.Locale;

/** How one snapshot of live queue state ended (the {@code outcome} tag of {@code producer_observation_snapshots_total}). */
public enum SnapshotOutcome {
    /** Every query answered and every record acknowledged by Kafka. */
    COMPLETE,
    /** Some queries answered and their records acknowledged; the others skipped (no budget slot) or failed. */
    PARTIAL,
    /** Nothing delivered: every query skipped or failed, or Kafka did not take the records. */
    FAILED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
