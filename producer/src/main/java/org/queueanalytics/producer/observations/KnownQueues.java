package org.queueanalytics.producer.observations;

import java.util.List;
import java.util.Optional;
import org.queueanalytics.producer.genesys.Queue;

/**
 * The queues the poll loop knows right now, read without asking Genesys (in production
 * {@link org.queueanalytics.producer.genesys.QueueDirectory#known()}): the observation poller
 * follows the interval poller's list and never fetches it itself. Thread-safe.
 */
@FunctionalInterface
public interface KnownQueues {
    /** Knows none (nothing is observed). */
    KnownQueues NONE = Optional::empty;

    /** The queue list, or empty while none was fetched yet. */
    Optional<List<Queue>> known();
}
