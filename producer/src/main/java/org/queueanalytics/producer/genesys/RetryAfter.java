package org.queueanalytics.producer.genesys;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a 429 tells us to wait: {@code Retry-After} (seconds), else {@code inin-ratelimit-reset}
 * (seconds), else {@link #DEFAULT_WAIT}. Never less than zero, never more than {@link #MAX_WAIT}.
 */
final class RetryAfter {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    /** A longer answer is capped: we would rather ask again than hang a whole cycle. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private RetryAfter() {
    }

    static Duration of(HttpHeaders headers) {
        return seconds(headers, "Retry-After")
                .or(() -> seconds(headers, "inin-ratelimit-reset"))
                .map(d -> d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d)
                .orElse(DEFAULT_WAIT);
    }

    private static Optional<Duration> seconds(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(value.get().trim());
            if (Double.isNaN(seconds) || seconds < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // e.g. an HTTP-date: Genesys sends seconds; fall back to the next source
        }
    }
}
