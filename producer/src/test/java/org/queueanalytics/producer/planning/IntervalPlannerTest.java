package org.queueanalytics.producer.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.AnalyticsSettings;
import org.queueanalytics.testsupport.MutableClock;

class IntervalPlannerTest {
    private static final Duration PT30M = Duration.ofMinutes(30);
    private static final Duration LOOKBACK = Duration.ofHours(6);
    private static final Duration DEEP = Duration.ofDays(4);
    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:13.500Z");

    private IntervalPlanner planner(Instant backfillFrom) {
        return new IntervalPlanner(PT30M, LOOKBACK, DEEP, Duration.ofDays(7), backfillFrom, clock);
    }

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    private static Instant start(CyclePlan plan) {
        return plan.windows().get(0).start();
    }

    private static Instant end(CyclePlan plan) {
        return plan.windows().get(plan.windows().size() - 1).end();
    }

    /** A deep poll that happened an hour ago, so the plan under test is an ordinary cycle. */
    private Instant recentDeepPoll() {
        return clock.instant().minus(Duration.ofHours(1));
    }

    @Test
    void alignsToTheGranularity() {
        IntervalPlanner planner = planner(null);
        assertThat(planner.alignDown(t("2025-01-27T08:47:13.500Z"))).isEqualTo(t("2025-01-27T08:30:00Z"));
        assertThat(planner.alignUp(t("2025-01-27T08:47:13.500Z"))).isEqualTo(t("2025-01-27T09:00:00Z"));
        assertThat(planner.alignUp(t("2025-01-27T09:00:00Z"))).isEqualTo(t("2025-01-27T09:00:00Z"));
        assertThat(planner.alignDown(t("2025-01-27T09:00:00Z"))).isEqualTo(t("2025-01-27T09:00:00Z"));
    }

    @Test
    void aLiveCycleRepollsTheLookbackUpToTheEndOfTheOpenInterval() {
        CyclePlan plan = planner(null).planLive(t("2025-01-27T08:30:00Z"), recentDeepPoll());

        assertThat(start(plan)).isEqualTo(t("2025-01-27T02:30:00Z"));
        assertThat(end(plan)).isEqualTo(t("2025-01-27T09:00:00Z"));
        assertThat(plan.windows()).hasSize(1);
        assertThat(plan.deepPoll()).isFalse();
        assertThat(plan.catchUpLimitedTo()).isNull();
    }

    @Test
    void everyWindowIsAlignedToTheGranularity() {
        CyclePlan plan = planner(null).planLive(null, null);

        assertThat(plan.windows()).allSatisfy(w -> {
            assertThat(w.start().toEpochMilli() % PT30M.toMillis()).isZero();
            assertThat(w.end().toEpochMilli() % PT30M.toMillis()).isZero();
        });
    }

    @Test
    void theFirstCycleIncludesTheDeepLookback() {
        CyclePlan plan = planner(null).planLive(null, null);

        assertThat(plan.deepPoll()).isTrue();
        assertThat(start(plan)).isEqualTo(t("2025-01-23T08:30:00Z"));
        assertThat(end(plan)).isEqualTo(t("2025-01-27T09:00:00Z"));
    }

    @Test
    void theDeepLookbackIsRepolledOnceEvery24Hours() {
        IntervalPlanner planner = planner(null);
        Instant deep = clock.instant();

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(planner.planLive(clock.instant(), deep).deepPoll()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        CyclePlan plan = planner.planLive(clock.instant(), deep);
        assertThat(plan.deepPoll()).isTrue();
        assertThat(start(plan)).isEqualTo(planner.alignDown(clock.instant().minus(DEEP)));
    }

    @Test
    void longRangesAreSplitIntoWindowsOfAtMostOneDay() {
        CyclePlan plan = planner(null).planLive(null, null);

        // 2025-01-23T08:30 .. 2025-01-27T09:00 = 4 days + 30 min
        assertThat(plan.windows()).hasSize(5);
        assertThat(plan.windows()).allMatch(w -> w.length().compareTo(Duration.ofDays(1)) <= 0);
        for (int i = 1; i < plan.windows().size(); i++) {
            assertThat(plan.windows().get(i).start()).isEqualTo(plan.windows().get(i - 1).end());
        }
    }

    @Test
    void theChunkIsOneDayForQuarterAndHalfHoursAndNinetySixBucketsForFinerGranularities() {
        assertThat(IntervalPlanner.maxChunk(Duration.ofMinutes(15))).isEqualTo(Duration.ofDays(1));
        assertThat(IntervalPlanner.maxChunk(Duration.ofMinutes(30))).isEqualTo(Duration.ofDays(1));
        assertThat(IntervalPlanner.maxChunk(Duration.ofHours(1))).isEqualTo(Duration.ofDays(1));
        assertThat(IntervalPlanner.maxChunk(Duration.ofMinutes(5))).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void afterDowntimeTheCycleCatchesUpFromTheCheckpoint() {
        Instant checkpoint = t("2025-01-26T20:00:00Z");

        CyclePlan plan = planner(null).planLive(checkpoint, recentDeepPoll());

        assertThat(start(plan)).isEqualTo(checkpoint.minus(LOOKBACK));
        assertThat(plan.catchUpLimitedTo()).isNull();
    }

    @Test
    void theCatchUpIsLimitedToTheMaximum() {
        CyclePlan plan = planner(null).planLive(t("2025-01-01T00:00:00Z"), recentDeepPoll());

        assertThat(start(plan)).isEqualTo(t("2025-01-20T08:30:00Z"));
        assertThat(plan.catchUpLimitedTo()).isEqualTo(t("2025-01-20T08:30:00Z"));
    }

    @Test
    void dateFromAloneBackfillsFromThereThenFollowsLive() {
        IntervalPlanner planner = planner(t("2024-12-01T00:00:00Z"));

        CyclePlan backfill = planner.planLive(null, null);
        assertThat(start(backfill)).isEqualTo(t("2024-12-01T00:00:00Z"));
        assertThat(end(backfill)).isEqualTo(t("2025-01-27T09:00:00Z"));
        assertThat(backfill.windows()).hasSize(58).allMatch(w -> w.length().compareTo(Duration.ofDays(1)) <= 0);

        CyclePlan live = planner.planLive(t("2025-01-27T08:30:00Z"), recentDeepPoll());
        assertThat(start(live)).isEqualTo(t("2025-01-27T02:30:00Z"));
    }

    @Test
    void aFixedRangeEndingAt235959IncludesTheDaysLastInterval() {
        List<TimeWindow> windows = planner(null).planRange(t("2025-01-01T00:00:00Z"), t("2025-01-02T23:59:59Z"), null);

        assertThat(windows).containsExactly(
                new TimeWindow(t("2025-01-01T00:00:00Z"), t("2025-01-02T00:00:00Z")),
                new TimeWindow(t("2025-01-02T00:00:00Z"), t("2025-01-03T00:00:00Z")));
    }

    @Test
    void aFixedRangeEndIsExclusive() {
        List<TimeWindow> windows = planner(null).planRange(t("2025-01-01T00:10:00Z"), t("2025-01-01T02:00:00Z"), null);

        assertThat(windows).containsExactly(new TimeWindow(t("2025-01-01T00:00:00Z"), t("2025-01-01T02:00:00Z")));
    }

    @Test
    void aFixedRangeResumesAfterItsCheckpoint() {
        List<TimeWindow> windows = planner(null).planRange(t("2025-01-01T00:00:00Z"), t("2025-01-04T00:00:00Z"),
                t("2025-01-02T00:00:00Z"));

        assertThat(windows).extracting(TimeWindow::start)
                .containsExactly(t("2025-01-02T00:00:00Z"), t("2025-01-03T00:00:00Z"));
    }

    @Test
    void theCheckpointNeverPassesTheIntervalThatWasOpenAtFetchTime() {
        IntervalPlanner planner = planner(null);
        TimeWindow window = new TimeWindow(t("2025-01-27T02:30:00Z"), t("2025-01-27T09:00:00Z"));

        assertThat(planner.polledUntil(window, clock.instant())).isEqualTo(t("2025-01-27T08:30:00Z"));
        assertThat(planner.polledUntil(new TimeWindow(t("2025-01-26T00:00:00Z"), t("2025-01-27T00:00:00Z")), clock.instant()))
                .isEqualTo(t("2025-01-27T00:00:00Z"));
    }

    @Test
    void forSettingsTreatsBothDatesAsAFixedRangeNotABackfill() {
        AnalyticsSettings range = new AnalyticsSettings(PT30M, t("2024-12-01T00:00:00Z"), t("2024-12-02T00:00:00Z"),
                List.of(), List.of(), LOOKBACK, DEEP, 250, Duration.ofDays(7));

        CyclePlan plan = IntervalPlanner.forSettings(range, clock).planLive(t("2025-01-27T08:30:00Z"), recentDeepPoll());

        assertThat(start(plan)).isEqualTo(t("2025-01-27T02:30:00Z"));
    }

    @Test
    void theConfiguredMaximumCatchUpBoundsTheCatchUp() {
        AnalyticsSettings analytics = new AnalyticsSettings(PT30M, null, null, List.of(), List.of(), LOOKBACK,
                Duration.ofDays(10), 250, Duration.ofDays(10));

        CyclePlan plan = IntervalPlanner.forSettings(analytics, clock).planLive(t("2025-01-18T00:00:00Z"), recentDeepPoll());

        assertThat(plan.catchUpLimitedTo()).isNull();
        assertThat(start(plan)).isEqualTo(t("2025-01-17T18:00:00Z"));
    }
}
