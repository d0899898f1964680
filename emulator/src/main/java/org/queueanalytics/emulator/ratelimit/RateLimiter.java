package org.queueanalytics.emulator.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed one-minute window per bearer token, like Genesys' per-token budget. The window
 * starts at the token's first request; requests beyond the budget are rejected and not
 * counted, so they do not push the reset further away. Time comes from the injected clock.
 */
public final class RateLimiter {
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perWindow;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int perWindow, Clock clock) {
        if (perWindow < 1) {
            throw new IllegalArgumentException("rate limit per minute must be ≥ 1, got " + perWindow);
        }
        this.perWindow = perWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RateLimitDecision acquire(String token) {
        Instant now = clock.instant();
        Window window = windows.compute(token, (key, current) ->
                current == null || !now.isBefore(current.end) ? new Window(now.plus(WINDOW)) : current);
        synchronized (window) {
            boolean allowed = window.count < perWindow;
            if (allowed) {
                window.count++;
            }
            return new RateLimitDecision(allowed, window.count, perWindow, secondsUntil(now, window.end));
        }
    }

    private static long secondsUntil(Instant now, Instant end) {
        long millis = Math.max(0, Duration.between(now, end).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    private static final class Window {
        private final Instant end;
        private int count;

        private Window(Instant end) {
            this.end = end;
        }
    }
}
