package org.queueanalytics.consumer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pause between two write rounds of the same batch, after one exhausted its retries
 * ({@code retry.max_delay}). Taken on the writer thread through the injected {@link Sleeper}, timed
 * by the injected {@link Clock}.
 */
record RoundPause(Duration duration, Clock clock, Sleeper sleeper) {

    /** When the next round may start, a round having just failed. */
    Instant nextRoundAt() {
        return clock.instant().plus(duration);
    }

    /** Waits until {@code notBefore} (nothing when it has passed). */
    void awaitUntil(Instant notBefore) throws InterruptedException {
        long waitMs = Duration.between(clock.instant(), notBefore).toMillis();
        if (waitMs > 0) {
            sleeper.sleep(Duration.ofMillis(waitMs));
        }
    }
}
