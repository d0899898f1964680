package org.queueanalytics.consumer.ingest;

import java.time.Duration;

/**
 * The wait before the next attempt after a retriable Kafka failure (a poll or a commit):
 * exponential from {@code first}, never longer than {@code max} (the pause between two write rounds).
 */
record KafkaBackoff(Duration first, Duration max) {
    static final Duration FIRST = Duration.ofMillis(200);

    static KafkaBackoff upTo(Duration max) {
        return new KafkaBackoff(FIRST, max);
    }

    /** The wait after the {@code attempt}-th failure in a row (1 = the first). */
    Duration after(int attempt) {
        Duration wait = first.multipliedBy(1L << Math.min(attempt - 1, 10));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
