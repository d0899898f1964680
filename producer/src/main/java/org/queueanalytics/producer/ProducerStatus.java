package org.queueanalytics.producer;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot for the admin server ({@code /status}, {@code /readyz}, {@code /metrics}). No secrets.
 *
 * @param state             STARTING, RUNNING, WAITING (between cycles), STOPPED or FAILED
 * @param lastPollStarted   start of the last cycle, or null
 * @param lastPollCompleted end of the last successful cycle, or null
 * @param lastError         the last cycle's failure (component and fix), null after a success
 * @param recordsPublished  records acknowledged by Kafka since start
 * @param windowsPolled     windows fetched, published and checkpointed since start
 * @param cyclesSucceeded   service-loop cycles that completed since start
 * @param cyclesFailed      service-loop cycles that failed since start (the checkpoint stayed; the next cycle retried)
 * @param requestsSent      Genesys API requests sent since start (every attempt)
 * @param tokensIssued      OAuth tokens obtained since start
 * @param queues            queues in the last cycle
 * @param checkpoints       checkpoint id → polled-until
 * @param lastDeepPoll      when the daily deep re-poll last completed, or null
 */
public record ProducerStatus(
        String state,
        Instant lastPollStarted,
        Instant lastPollCompleted,
        String lastError,
        long recordsPublished,
        long windowsPolled,
        long cyclesSucceeded,
        long cyclesFailed,
        long requestsSent,
        long tokensIssued,
        int queues,
        Map<String, Instant> checkpoints,
        Instant lastDeepPoll) {

    /** Ready = the last cycle succeeded (and the service has not stopped or failed). */
    public boolean ready() {
        return lastError == null && lastPollCompleted != null && ("RUNNING".equals(state) || "WAITING".equals(state));
    }
}
