package org.queueanalytics.consumer.audit;

/**
 * The newest record of one key seen in the topic, kept compactly: its fetched_at, a digest of
 * its values, where it is, and what became of it from the consumer's point of view.
 * {@code reason} is set for {@link State#INVALID} (why the consumer would reject it) and
 * {@link State#DEAD_LETTERED} (the DLQ's {@code dlq.reason}).
 */
public record TopicVersion(long fetchedAtMillis, ColumnValues.Digest digest, State state, String reason,
                           int partition, long offset) {

    public enum State {
        /** Valid, not in the DLQ: the table must hold it. */
        STORABLE,
        /** Its offset is in the dead-letter topic. */
        DEAD_LETTERED,
        /** The consumer would dead-letter it, but the DLQ does not hold it. */
        INVALID
    }

    /** Whether this record replaces {@code older} as the newest of its key (ties: the later offset wins, as a later insert does). */
    public boolean supersedes(TopicVersion older) {
        return older == null || fetchedAtMillis >= older.fetchedAtMillis;
    }
}
