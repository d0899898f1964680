package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;

class RequestBudgetTest {
    private final MutableClock clock = MutableClock.at("2025-01-27T08:00:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @Test
    void letsTheBudgetThroughAtOnceThenWaitsForTheWindowToSlide() throws Exception {
        RequestBudget budget = new RequestBudget(3, clock, sleeper);
        for (int i = 0; i < 3; i++) {
            budget.acquire();
        }
        assertThat(sleeper.waits()).isEmpty();

        budget.acquire();

        assertThat(sleeper.waits()).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void neverStartsMoreThanTheBudgetWithinAnyMinute() throws Exception {
        RequestBudget budget = new RequestBudget(5, clock, sleeper);
        Instant start = clock.instant();
        for (int i = 0; i < 23; i++) {
            budget.acquire();
        }
        // 23 requests at 5 per minute: the 21st–23rd start in the fifth minute
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void requestsSpreadOverTimeDoNotWait() throws Exception {
        RequestBudget budget = new RequestBudget(2, clock, sleeper);
        for (int i = 0; i < 10; i++) {
            budget.acquire();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aPauseAfterA429DelaysEveryLaterRequest() throws Exception {
        RequestBudget budget = new RequestBudget(100, clock, sleeper);
        budget.pauseUntil(clock.instant().plusSeconds(42));

        budget.acquire();
        budget.acquire();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void shutdownEndsAWaitForTheBudget() throws Exception {
        StopSignal stop = new StopSignal();
        RequestBudget budget = new RequestBudget(1, Clock.fixed(Instant.parse("2025-01-27T08:00:00Z"), ZoneOffset.UTC), stop);
        budget.acquire();
        stop.stop();

        assertThatThrownBy(budget::acquire).isInstanceOf(InterruptedException.class);
    }

    @Test
    void anObservationTakesAFreeSlotAtOnceAndNeverWaits() {
        RequestBudget budget = new RequestBudget(3, clock, sleeper);

        assertThat(budget.tryAcquireObservation(2)).isTrue();
        assertThat(budget.tryAcquireObservation(2)).isTrue();
        assertThat(budget.tryAcquireObservation(2)).as("its share of 2 a minute is used").isFalse();

        assertThat(sleeper.waits()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(budget.tryAcquireObservation(2)).as("the share slides with the window").isTrue();
    }

    @Test
    void anObservationIsRefusedWhenNoSlotIsFreeNowAndTheSlotItTookCountsForEveryone() throws Exception {
        RequestBudget budget = new RequestBudget(3, clock, sleeper);
        budget.acquire();
        budget.acquire();
        assertThat(budget.tryAcquireObservation(10)).isTrue(); // the third slot

        assertThat(budget.tryAcquireObservation(10)).as("the window is full").isFalse();
        budget.acquire(); // an interval request waits for the oldest start to leave the window, as before
        assertThat(sleeper.waits()).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void anObservationNeverTakesTheSlotAnIntervalRequestIsWaitingFor() throws Exception {
        List<Boolean> askedDuringTheWait = new ArrayList<>();
        RequestBudget[] budget = new RequestBudget[1];
        Sleeper waitingCaller = d -> {
            if (d.isZero()) {
                return;
            }
            clock.advance(d); // the reserved slot's time has come, the caller has not started yet
            askedDuringTheWait.add(budget[0].tryAcquireObservation(10));
        };
        budget[0] = new RequestBudget(2, clock, waitingCaller);
        budget[0].acquire(); // 08:00:00
        clock.advance(Duration.ofSeconds(30));
        budget[0].acquire(); // 08:00:30
        clock.advance(Duration.ofSeconds(20));

        budget[0].acquire(); // reserves 08:01:00 and waits 10 s for it; an observation asks at 08:01:00

        assertThat(askedDuringTheWait).containsExactly(false);
        clock.advance(Duration.ofSeconds(30)); // 08:01:30: the 08:00:30 start left the window
        assertThat(budget[0].tryAcquireObservation(10)).isTrue();
    }

    @Test
    void anObservationRespectsA429Pause() {
        RequestBudget budget = new RequestBudget(100, clock, sleeper);
        budget.pauseUntil(clock.instant().plusSeconds(42));

        assertThat(budget.tryAcquireObservation(10)).isFalse();
        clock.advance(Duration.ofSeconds(42));
        assertThat(budget.tryAcquireObservation(10)).isTrue();
        assertThat(sleeper.waits()).isEmpty();
    }

    /**
     * Interval polling that wants more than the budget (a backfill) while observations try every 15 s:
     * in every minute observations get at most their share and interval polling at least
     * {@code max − share}, and no 60-second window holds more than the budget. Time moves only through
     * the interval requests' waits and a 200 ms answer time; the observation snapshots due in between
     * run at their instants (10 queries each, stopping at the first refusal).
     */
    @Test
    void underSaturationObservationsGetAtMostTheirShareAndIntervalPollingTheRest() throws Exception {
        int max = 250;
        int share = 60;
        Instant start = clock.instant();
        List<Instant> intervalStarts = new ArrayList<>();
        List<Instant> observationStarts = new ArrayList<>();
        Instant[] nextSnapshot = {start};
        RequestBudget[] budget = new RequestBudget[1];
        Sleeper interleaving = d -> {
            Instant until = clock.instant().plus(d);
            while (!nextSnapshot[0].isAfter(until)) {
                clock.set(nextSnapshot[0]);
                for (int q = 0; q < 10 && budget[0].tryAcquireObservation(share); q++) {
                    observationStarts.add(clock.instant());
                }
                nextSnapshot[0] = nextSnapshot[0].plusSeconds(15);
            }
            clock.set(until);
        };
        budget[0] = new RequestBudget(max, clock, interleaving);
        while (clock.instant().isBefore(start.plus(Duration.ofMinutes(10)))) {
            budget[0].acquire();
            intervalStarts.add(clock.instant());
            interleaving.sleep(Duration.ofMillis(200)); // the answer takes a while; snapshots due meanwhile run
        }

        List<Instant> all = new ArrayList<>(intervalStarts);
        all.addAll(observationStarts);
        for (Instant from : all) {
            assertThat(within(all, from)).as("starts in the minute from " + from).isLessThanOrEqualTo(max);
            assertThat(within(observationStarts, from)).as("observations in the minute from " + from).isLessThanOrEqualTo(share);
        }
        for (int minute = 0; minute < 10; minute++) {
            Instant from = start.plus(Duration.ofMinutes(minute));
            assertThat(within(intervalStarts, from)).as("interval requests in minute " + minute).isGreaterThanOrEqualTo(max - share);
        }
        System.out.printf("saturated budget %d/min, observation share %d/min, over 10 min: interval %.1f req/min, "
                + "observations %.1f req/min%n", max, share, intervalStarts.size() / 10.0, observationStarts.size() / 10.0);
    }

    private static long within(List<Instant> starts, Instant from) {
        Instant to = from.plus(Duration.ofMinutes(1));
        return starts.stream().filter(s -> !s.isBefore(from) && s.isBefore(to)).count();
    }

    @Test
    void rejectsABudgetBelowOne() {
        assertThatThrownBy(() -> new RequestBudget(0, clock, sleeper)).isInstanceOf(IllegalArgumentException.class);
    }
}
