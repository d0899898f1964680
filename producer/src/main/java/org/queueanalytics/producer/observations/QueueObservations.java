package org.queueanalytics.producer.observations;

import java.util.List;
import org.queueanalytics.producer.genesys.Queue;

/** One snapshot's live queue state for some queues (implemented by {@link ObservationsClient}; tests pass fakes). */
@FunctionalInterface
public interface QueueObservations {
    /** Answers nothing: every query counts as skipped. */
    QueueObservations NONE = (queues, metrics, max) -> {
        int queries = (queues.size() + ObservationQuery.MAX_QUEUES - 1) / ObservationQuery.MAX_QUEUES;
        return new SnapshotFetch(List.of(), queries, 0, queries, null);
    };

    /**
     * Asks for {@code metrics} of {@code queues}, at most {@code maxRequestsPerMinute} observation
     * requests a minute and never waiting for the request budget. Failures are reported in the result.
     */
    SnapshotFetch fetch(List<Queue> queues, List<String> metrics, int maxRequestsPerMinute) throws InterruptedException;
}
