package org.queueanalytics.producer;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.QueueSource;

/**
 * The producer's Genesys side, as the poll loop sees it: where the queues and the interval
 * statistics come from, and the client's counters for {@code /status}. In production all four
 * are backed by one {@link org.queueanalytics.producer.genesys.GenesysHttpClient} (see
 * {@link ProducerWiring}); tests pass fakes.
 *
 * @param queues        the queues to poll
 * @param statistics    one window's records for a list of queues
 * @param requestsSent  Genesys API requests sent so far (every attempt)
 * @param tokensIssued  OAuth tokens obtained so far
 */
record GenesysInputs(QueueSource queues, IntervalStatistics statistics, LongSupplier requestsSent, LongSupplier tokensIssued) {
    GenesysInputs {
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(requestsSent, "requestsSent");
        Objects.requireNonNull(tokensIssued, "tokensIssued");
    }
}
