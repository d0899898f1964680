package org.queueanalytics.common.config;

import java.time.Duration;

/** Exponential backoff with jitter for remote calls: {@code max_retries} retries per round. */
public record RetrySettings(int maxRetries, Duration baseDelay, Duration maxDelay) {
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

    public RetrySettings {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("retry.max_retries: must not be negative");
        }
        if (baseDelay.isNegative() || baseDelay.isZero()) {
            throw new IllegalArgumentException("retry.base_delay_seconds: must be positive");
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry.max_delay_seconds: must be at least retry.base_delay_seconds");
        }
    }

    static RetrySettings read(ConfigSection s) {
        int retries = (int) s.integer("max_retries", DEFAULT_MAX_RETRIES, 0, 1000);
        Duration base = s.seconds("base_delay_seconds", DEFAULT_BASE_DELAY, 1, 3600);
        Duration max = s.seconds("max_delay_seconds", DEFAULT_MAX_DELAY, 1, 86_400);
        return s.build(() -> new RetrySettings(retries, base, max));
    }
}
