package org.queueanalytics.producer.genesys;

/**
 * Told about each result group of an aggregates answer that {@link AggregatesResponseMapper} skipped
 * because it lacks a dimension. Called on the polling thread: implementations are thread-safe and
 * return at once.
 */
public interface GroupSkipListener {
    /** Listens to nothing. */
    GroupSkipListener NONE = new GroupSkipListener() {
    };

    default void groupSkipped(SkipReason reason) {
    }
}
