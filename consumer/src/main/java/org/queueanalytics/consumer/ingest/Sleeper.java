package org.queueanalytics.consumer.ingest;

import java.time.Duration;

/**
 * Waits. Every wait of the ingest stages (a write's backoff, the pause between two write rounds,
 * the wait after a retriable Kafka error) goes through one of these, so tests record waits
 * instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits {@code duration}; an interrupt (the writer thread being stopped) ends the wait early. */
    void sleep(Duration duration) throws InterruptedException;

    /** Real time, for the running service. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
