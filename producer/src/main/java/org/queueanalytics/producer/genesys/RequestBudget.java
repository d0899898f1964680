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
 *
 * <p>Observation queries (live queue state) share the budget without ever waiting for it
 * ({@link #tryAcquireObservation}): one starts only when a slot is free at this instant — no
 * pause, and no waiting caller holds a reserved slot — and fewer than the observations' share
 * started within the last {@link #WINDOW}. A caller waiting in {@link #acquire()} always holds the
 * next slot, so an observation never takes a slot someone is waiting for, and within any minute
 * observations take at most their share: interval polling keeps at least
 * {@code maxPerMinute − share} slots a minute, and all of them while observations are idle.
 */
public final class RequestBudget {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int maxPerWindow;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Start times of the last {@code maxPerWindow} reserved requests (some may lie in the future). */
    private final Deque<Instant> starts = new ArrayDeque<>();
    /** Start times of the observation requests within the last {@link #WINDOW} (a subset of {@link #starts}). */
    private final Deque<Instant> observationStarts = new ArrayDeque<>();
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

    /**
     * Takes a slot for an observation query if it can start <em>now</em>: no 429 pause is in force,
     * a slot of the budget is free at this instant (none is reserved by a waiting caller), and fewer
     * than {@code maxObservationsPerMinute} observation requests started within the last minute.
     * Never waits.
     *
     * @return true when the request may start now (it is counted); false when it must be skipped
     */
    public synchronized boolean tryAcquireObservation(int maxObservationsPerMinute) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        Instant windowStart = now.minus(WINDOW);
        while (!observationStarts.isEmpty() && !observationStarts.peekFirst().isAfter(windowStart)) {
            observationStarts.removeFirst();
        }
        if (observationStarts.size() >= maxObservationsPerMinute) {
            return false;
        }
        if (starts.size() >= maxPerWindow) {
            if (starts.peekFirst().plus(WINDOW).isAfter(now)) {
                return false; // the oldest start is still within the window: the next free slot lies ahead
            }
            starts.removeFirst();
        }
        starts.addLast(now);
        observationStarts.addLast(now);
        return true;
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
