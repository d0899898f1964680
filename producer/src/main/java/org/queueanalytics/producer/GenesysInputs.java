package org.queueanalytics.producer;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.QueueSource;
import org.queueanalytics.producer.observations.KnownQueues;
import org.queueanalytics.producer.observations.QueueObservations;

/**
 * The producer's Genesys side, as the poll loop sees it: where the queues and the interval
 * statistics come from, and the client's counters for {@code /status}. In production all four
 * are backed by one {@link org.queueanalytics.producer.genesys.GenesysHttpClient} (see
 * {@link ProducerWiring}), and so is the observation poller's side; tests pass fakes.
 *
 * @param queues        the queues to poll
 * @param statistics    one window's records for a list of queues
 * @param requestsSent  Genesys API requests sent so far (every attempt)
 * @param tokensIssued  OAuth tokens obtained so far
 * @param knownQueues   the list {@code queues} fetched last, read without a request (the observation poller's queues)
 * @param observations  live queue state for a list of queues (same client, token and budget)
 */
record GenesysInputs(QueueSource queues, IntervalStatistics statistics, LongSupplier requestsSent, LongSupplier tokensIssued,
                     KnownQueues knownQueues, QueueObservations observations) {
    GenesysInputs {
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(requestsSent, "requestsSent");
        Objects.requireNonNull(tokensIssued, "tokensIssued");
        Objects.requireNonNull(knownQueues, "knownQueues");
        Objects.requireNonNull(observations, "observations");
    }

    /** Without an observation side: an observation poller finds no queues and observes nothing. */
    GenesysInputs(QueueSource queues, IntervalStatistics statistics, LongSupplier requestsSent, LongSupplier tokensIssued) {
        this(queues, statistics, requestsSent, tokensIssued, KnownQueues.NONE, QueueObservations.NONE);
    }
}
