package org.queueanalytics.producer.planning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.queueanalytics.common.config.AnalyticsSettings;

/**
 * Decides which intervals to fetch. Pure: everything it knows comes from its arguments and the
 * injected {@link Clock}; the caller keeps the state (checkpoint, last deep poll).
 *
 * <p>All windows are aligned to the granularity (epoch-aligned, i.e. UTC: every allowed
 * granularity divides a day). Rules:
 * <ul>
 *   <li><b>Live cycle</b>: {@code [now − lookback, end of the current open interval)} — closed
 *       intervals keep changing as long conversations end, and the open one gives partial values
 *       that the next cycles overwrite.</li>
 *   <li><b>Deep re-poll</b>: when no deep poll is known or the last one is
 *       {@link #DEEP_POLL_EVERY} old, the cycle starts at {@code now − deep_lookback} instead
 *       (Genesys reprocesses data ≥ 48 h old).</li>
 *   <li><b>Catch-up after downtime</b>: with a checkpoint ({@code polledUntil}: every interval
 *       before it was fetched after it closed), the cycle starts at {@code polledUntil − lookback}
 *       — the re-polls the producer would have made had it kept running — but no earlier than
 *       {@code now − analytics.max_catch_up_seconds} (default 7 days, at least deep_lookback).
 *       A longer outage is cut (and reported in {@link CyclePlan#catchUpLimitedTo()}): use the
 *       {@code backfill} command for it.</li>
 *   <li><b>Backfill then live</b>: {@code date_from} without {@code date_to} starts the first
 *       cycle at {@code date_from} (not limited by maxCatchUp); once the checkpoint has passed it,
 *       cycles are ordinary live cycles.</li>
 *   <li><b>Fixed range</b> ({@link #planRange}): {@code [from, to)} with {@code to} exclusive and
 *       rounded <em>up</em> to the granularity, so {@code …T23:59:59Z} includes the day's last
 *       interval.</li>
 *   <li><b>Chunking</b>: a long range is split into windows of at most {@link #maxChunk(Duration)}:
 *       {@link #MAX_BUCKETS_PER_REQUEST} buckets and never more than one day (one day for PT15M and
 *       coarser, 8 h for PT5M). The API's own limits are undocumented; small windows keep each
 *       answer small and make the checkpoint advance often.</li>
 * </ul>
 */
public final class IntervalPlanner {
    public static final Duration DEEP_POLL_EVERY = Duration.ofHours(24);
    public static final int MAX_BUCKETS_PER_REQUEST = 96;
    public static final Duration MAX_CHUNK = Duration.ofDays(1);

    private final Duration granularity;
    private final Duration lookback;
    private final Duration deepLookback;
    private final Duration maxCatchUp;
    private final Instant backfillFrom;
    private final Duration chunk;
    private final Clock clock;

    public IntervalPlanner(Duration granularity, Duration lookback, Duration deepLookback, Duration maxCatchUp,
                           Instant backfillFrom, Clock clock) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.lookback = Objects.requireNonNull(lookback, "lookback");
        this.deepLookback = Objects.requireNonNull(deepLookback, "deepLookback");
        this.maxCatchUp = Objects.requireNonNull(maxCatchUp, "maxCatchUp");
        this.backfillFrom = backfillFrom;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (granularity.isZero() || granularity.isNegative() || Duration.ofDays(1).toMillis() % granularity.toMillis() != 0) {
            throw new IllegalArgumentException("granularity must divide a day evenly (was " + granularity + ")");
        }
        if (maxCatchUp.compareTo(lookback) < 0) {
            throw new IllegalArgumentException("maxCatchUp " + maxCatchUp + " must be at least the lookback " + lookback);
        }
        this.chunk = maxChunk(granularity);
    }

    /**
     * The planner for the configured analytics settings ({@code max_catch_up_seconds} bounds the
     * catch-up after downtime); {@code date_from} is a
     * backfill start only when {@code date_to} is not set (both = a fixed range, see {@link #planRange}).
     */
    public static IntervalPlanner forSettings(AnalyticsSettings analytics, Clock clock) {
        Instant backfillFrom = analytics.fixedRange() ? null : analytics.dateFrom();
        return new IntervalPlanner(analytics.interval(), analytics.lookback(), analytics.deepLookback(), analytics.maxCatchUp(),
                backfillFrom, clock);
    }

    /** The longest window one request covers for this granularity. */
    public static Duration maxChunk(Duration granularity) {
        Duration byBuckets = granularity.multipliedBy(MAX_BUCKETS_PER_REQUEST);
        return byBuckets.compareTo(MAX_CHUNK) < 0 ? byBuckets : MAX_CHUNK;
    }

    /**
     * One live cycle.
     *
     * @param polledUntil  the checkpoint, or null when none was ever written
     * @param lastDeepPoll when the last deep re-poll ran, or null when unknown
     */
    public CyclePlan planLive(Instant polledUntil, Instant lastDeepPoll) {
        Instant now = clock.instant();
        Instant end = alignDown(now).plus(granularity);
        Instant start = alignDown(now.minus(lookback));
        Instant limitedTo = null;

        if (backfillFrom != null && (polledUntil == null || polledUntil.isBefore(backfillFrom))) {
            start = earlier(start, alignDown(backfillFrom));
        } else if (polledUntil != null) {
            Instant wanted = alignDown(polledUntil.minus(lookback));
            Instant floor = alignDown(now.minus(maxCatchUp));
            if (wanted.isBefore(floor)) {
                limitedTo = floor;
                wanted = floor;
            }
            start = earlier(start, wanted);
        }

        boolean deep = lastDeepPoll == null || !now.isBefore(lastDeepPoll.plus(DEEP_POLL_EVERY));
        if (deep) {
            start = earlier(start, alignDown(now.minus(deepLookback)));
        }
        return new CyclePlan(chunks(start, end), deep, now, limitedTo);
    }

    /**
     * A fixed range {@code [from, to)}: {@code from} aligned down, {@code to} aligned up.
     *
     * @param resumeAfter a checkpoint from an earlier run of the same range, or null; windows
     *                    before it are not fetched again
     */
    public List<TimeWindow> planRange(Instant from, Instant to, Instant resumeAfter) {
        Instant start = alignDown(from);
        Instant end = alignUp(to);
        if (resumeAfter != null && resumeAfter.isAfter(start)) {
            start = alignDown(resumeAfter);
        }
        return chunks(start, end);
    }

    /**
     * The checkpoint after {@code window} was fetched at {@code fetchedAt} and published: its end,
     * but never past the start of the interval that was still open at fetch time (an open
     * interval's values were partial).
     */
    public Instant polledUntil(TimeWindow window, Instant fetchedAt) {
        Instant closedUpTo = alignDown(fetchedAt);
        return window.end().isBefore(closedUpTo) ? window.end() : closedUpTo;
    }

    public Duration granularity() {
        return granularity;
    }

    public Instant alignDown(Instant t) {
        long g = granularity.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), g) * g);
    }

    public Instant alignUp(Instant t) {
        Instant down = alignDown(t);
        return down.equals(t) ? down : down.plus(granularity);
    }

    private List<TimeWindow> chunks(Instant start, Instant end) {
        List<TimeWindow> windows = new ArrayList<>();
        for (Instant from = start; from.isBefore(end); ) {
            Instant to = from.plus(chunk);
            if (to.isAfter(end)) {
                to = end;
            }
            windows.add(new TimeWindow(from, to));
            from = to;
        }
        return windows;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
