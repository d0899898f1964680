package org.queueanalytics.producer.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.queueanalytics.producer.time.Sleeper;

/**
 * The client-side request budget ({@code analytics.max_requests_per_minute}) shared by every call
 * of this producer: a sliding window — at most {@code maxPerWindow} requests start within any
 * {@link #WINDOW}. Stricter than a token bucket, which would allow twice the rate across a window
 * boundary after an idle period.
 *
 * <p>Each caller reserves the earliest free slot under the lock and then waits for it outside the
 * lock, so concurrent callers are served in arrival order and a shutdown ({@link Sleeper} throwing
 * {@link InterruptedException}) ends every wait. A 429 pushes every later slot past the time
 * Genesys asked us to wait ({@link #pauseUntil}). Thread-safe.
 */
public final class RequestBudget {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int maxPerWindow;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Start times of the last {@code maxPerWindow} reserved requests (some may lie in the future). */
    private final Deque<Instant> starts = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;

    public RequestBudget(int maxPerMinute, Clock clock, Sleeper sleeper) {
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("maxPerMinute must be at least 1 (was " + maxPerMinute + ")");
        }
        this.maxPerWindow = maxPerMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until one more request fits in the budget, and counts it. @return how long it waited (zero when a slot was free) */
    public Duration acquire() throws InterruptedException {
        Duration wait = reserve();
        sleeper.sleep(wait);
        return wait;
    }

    /** No request may start before {@code until} (after a 429). */
    public synchronized void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    private synchronized Duration reserve() {
        Instant now = clock.instant();
        Instant slot = now.isAfter(pausedUntil) ? now : pausedUntil;
        if (starts.size() >= maxPerWindow) {
            Instant freedAt = starts.removeFirst().plus(WINDOW);
            if (freedAt.isAfter(slot)) {
                slot = freedAt;
            }
        }
        starts.addLast(slot);
        return Duration.between(now, slot);
    }
}
