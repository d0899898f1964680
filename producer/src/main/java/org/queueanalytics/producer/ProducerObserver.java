package org.queueanalytics.producer;

import java.time.Duration;
import org.queueanalytics.producer.genesys.ApiObserver;
import org.queueanalytics.producer.genesys.GroupSkipListener;
import org.queueanalytics.producer.observations.ObservationListener;

/**
 * What a {@link ProducerService} reports for the metrics: its Genesys requests (through the
 * client), the result groups the aggregates client skipped, its poll cycles, and the observation
 * poller's snapshots. One instance outlives the services a reload replaces, so the
 * meters behind it never restart. Thread-safe; every call returns at once.
 */
public interface ProducerObserver extends ApiObserver, GroupSkipListener, ObservationListener {
    /** Observes nothing. */
    ProducerObserver NONE = new ProducerObserver() {
    };

    /** A service-loop cycle ended after {@code took}; {@code succeeded} false when it failed and the next cycle retries. */
    default void cycleEnded(Duration took, boolean succeeded) {
    }
}
