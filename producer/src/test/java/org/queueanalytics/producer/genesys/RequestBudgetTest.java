package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
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
    void rejectsABudgetBelowOne() {
        assertThatThrownBy(() -> new RequestBudget(0, clock, sleeper)).isInstanceOf(IllegalArgumentException.class);
    }
}
