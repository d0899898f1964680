package org.queueanalytics.producer.observations;

/**
 * What the observation poller reports for the metrics (implemented by the producer's metrics).
 * Called on the poller's thread: implementations are thread-safe and return at once.
 */
public interface ObservationListener {
    /** Observes nothing. */
    ObservationListener NONE = new ObservationListener() {
    };

    /** A snapshot ended. */
    default void observationSnapshotEnded(SnapshotReport report) {
    }
}
