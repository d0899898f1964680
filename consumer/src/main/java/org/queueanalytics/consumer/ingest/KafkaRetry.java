package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retriable Kafka error outside a commit (a poll while the broker is down): the loop turns not
 * ready and waits — exponentially longer while the errors go on, up to the round pause — through
 * the injected {@link Sleeper}, then polls again.
 */
final class KafkaRetry {
    /** Logs as the ingest loop, as before the stages were split out of it (same log lines, same logger). */
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    private final KafkaBackoff backoff;
    private final Sleeper sleeper;
    private final LoopStatus status;
    private int failures;

    KafkaRetry(KafkaBackoff backoff, Sleeper sleeper, LoopStatus status) {
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.status = status;
    }

    /** A step failed with {@code e}: not ready, wait, and let the loop poll again. */
    void failed(RetriableException e) throws InterruptedException {
        failures++;
        Duration wait = backoff.after(failures);
        String reason = "Kafka unavailable (" + e + "); retrying in " + wait.toMillis() + " ms";
        status.notReady(reason);
        if (failures == 1) {
            LOG.warn("{}", reason);
        }
        sleeper.sleep(wait);
    }

    /** A step succeeded: the next failure waits the shortest time again. */
    void succeeded() {
        failures = 0;
    }
}
