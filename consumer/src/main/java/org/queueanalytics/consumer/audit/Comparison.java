package org.queueanalytics.consumer.audit;

/** The audit's rule: the topic's newest record of a key against the table's newest row of it. */
public final class Comparison {
    private Comparison() {
    }

    /** {@code row} is null when the table has no row for the key. */
    public static Outcome classify(TopicVersion record, TableVersion row) {
        switch (record.state()) {
            case DEAD_LETTERED:
                return Outcome.DEAD_LETTERED;
            case INVALID:
                return Outcome.MISSING;
            default:
                break;
        }
        if (row == null) {
            return Outcome.MISSING;
        }
        if (row.fetchedAtMillis() < record.fetchedAtMillis()) {
            return Outcome.STALE;
        }
        if (row.fetchedAtMillis() > record.fetchedAtMillis()) {
            // A newer fetch than any record read (one published after the audit's end offsets, or after --to).
            return Outcome.MATCHED;
        }
        return row.digest().equals(record.digest()) ? Outcome.MATCHED : Outcome.DIFFERS;
    }
}
