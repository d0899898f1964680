package org.queueanalytics.producer.time;

import java.time.Duration;

/**
 * Waits. Every wait of the producer (rate-limit budget, Retry-After, backoff, the poll loop)
 * goes through one of these, so tests record waits instead of sleeping and shutdown can cut
 * every wait short.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits {@code duration} (nothing when zero or negative).
     *
     * @throws InterruptedException when the thread is interrupted or the producer shuts down
     */
    void sleep(Duration duration) throws InterruptedException;
}
