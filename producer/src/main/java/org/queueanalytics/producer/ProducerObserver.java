package org.queueanalytics.producer;

import java.time.Duration;
import org.queueanalytics.producer.genesys.ApiObserver;

/**
 * What a {@link ProducerService} reports for the metrics: its Genesys requests (through the
 * client) and its poll cycles. One instance outlives the services a reload replaces, so the
 * meters behind it never restart. Thread-safe; every call returns at once.
 */
public interface ProducerObserver extends ApiObserver {
    /** Observes nothing. */
    ProducerObserver NONE = new ProducerObserver() {
    };

    /** A service-loop cycle ended after {@code took}; {@code succeeded} false when it failed and the next cycle retries. */
    default void cycleEnded(Duration took, boolean succeeded) {
    }
}
