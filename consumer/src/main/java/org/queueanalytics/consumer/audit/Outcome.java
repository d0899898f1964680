package org.queueanalytics.consumer.audit;

/** What the audit found for one key (or one record without a usable key). */
public enum Outcome {
    /** The table's newest row has the record's fetched_at and values (or a newer fetch superseded it). */
    MATCHED("matched"),
    /** No row, or the record is one the consumer would dead-letter but the DLQ does not hold it. */
    MISSING("missing"),
    /** The table's newest row is an older fetch than the topic's newest record. */
    STALE("stale"),
    /** Same fetched_at, other values. */
    DIFFERS("differs"),
    /** The topic's newest record for the key is in the dead-letter topic. */
    DEAD_LETTERED("dead_lettered");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The name in reports and in the JSON output. */
    public String label() {
        return label;
    }

    /** Whether this outcome makes the audit fail (exit 1). */
    public boolean isLoss() {
        return this == MISSING || this == STALE || this == DIFFERS;
    }
}
