package org.queueanalytics.emulator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Closed intervals change only through the ingestion delay and, when enabled, reprocessing. */
class IngestionTest {
    private static final Duration PT30M = Duration.ofMinutes(30);
    private static final Instant CLOSED_START = Instant.parse("2025-01-27T09:30:00Z");
    private static final Instant CLOSED_END = Instant.parse("2025-01-27T10:00:00Z");
    private static final EngineFixture DELAYED = EngineFixture.generated(20, 42, IngestionModel.DELAYED);
    private static final EngineFixture IMMEDIATE = EngineFixture.generated(20, 42, IngestionModel.IMMEDIATE);
    private static final EngineFixture IMMEDIATE_30 = EngineFixture.generated(30, 42, IngestionModel.IMMEDIATE);

    private static List<GroupResult> closedInterval(EngineFixture fixture, Instant now) {
        return fixture.run(CLOSED_START, CLOSED_END, PT30M, now);
    }

    @Test
    void theJustClosedIntervalIsPartialUntilItsLastEventsHavePosted() {
        Instant justClosed = CLOSED_END.plusSeconds(30);
        long partial = EngineFixture.totalCount(closedInterval(DELAYED, justClosed), Metric.T_WAIT);
        long complete = EngineFixture.totalCount(closedInterval(IMMEDIATE, justClosed), Metric.T_WAIT);

        assertThat(partial).isPositive().isLessThan(complete);
    }

    @Test
    void twoMinutesAfterItClosesAnIntervalHoldsEveryEventAndNeverChangesAgain() {
        Instant posted = CLOSED_END.plus(IngestionModel.MAX_DELAY).plusMillis(1);
        List<GroupResult> answer = closedInterval(DELAYED, posted);

        assertThat(answer).isNotEmpty().isEqualTo(closedInterval(IMMEDIATE, posted));
        assertThat(closedInterval(DELAYED, posted.plus(Duration.ofHours(3)))).isEqualTo(answer);
        assertThat(closedInterval(DELAYED, posted.plus(Duration.ofDays(5)))).isEqualTo(answer);
    }

    @Test
    void withoutTheDelayAClosedIntervalIsCompleteAsSoonAsItCloses() {
        List<GroupResult> atClose = closedInterval(IMMEDIATE, CLOSED_END);
        assertThat(atClose).isNotEmpty().isEqualTo(closedInterval(IMMEDIATE, CLOSED_END.plus(Duration.ofHours(2))));
    }

    @Test
    void theOpenIntervalIsPartialAndTheFutureEmpty() {
        Instant now = Instant.parse("2025-01-27T10:05:00Z");
        Instant open = Instant.parse("2025-01-27T10:00:00Z");
        long partial = EngineFixture.totalCount(DELAYED.run(open, open.plus(PT30M), PT30M, now), Metric.N_OFFERED);
        long later = EngineFixture.totalCount(DELAYED.run(open, open.plus(PT30M), PT30M, now.plus(PT30M)), Metric.N_OFFERED);

        assertThat(partial).isPositive().isLessThan(later);
        assertThat(DELAYED.run(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), PT30M, now)).isEmpty();
    }

    @Test
    void eachEventsDelayIsReproducibleAndAtMostTwoMinutes() {
        Set<Long> delays = new HashSet<>();
        for (long key = 0; key < 200; key++) {
            Contact contact = Contact.unanswered(key, CLOSED_START, Contact.Outcome.ABANDONED, 1_000);
            for (int moment = ContactEvents.OFFER; moment <= ContactEvents.VOICEMAIL_END; moment++) {
                long delay = IngestionModel.DELAYED.delayMs(contact, moment);
                assertThat(delay).isBetween(0L, IngestionModel.MAX_DELAY.toMillis())
                        .isEqualTo(IngestionModel.DELAYED.delayMs(contact, moment));
                assertThat(IngestionModel.IMMEDIATE.delayMs(contact, moment)).isZero();
                delays.add(delay);
            }
        }
        assertThat(delays).hasSizeGreaterThan(1000);
    }

    @Test
    void reprocessingCorrectsTheAcwAndHandleOfAFewIntervalsTwoDaysAfterTheirEvents() {
        EngineFixture reprocessing = EngineFixture.generated(30, 42, new IngestionModel(false, true));
        Instant dayStart = Instant.parse("2025-01-27T00:00:00Z");
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        List<GroupResult.Bucket> before = EngineFixture.allBuckets(
                reprocessing.run(dayStart, dayEnd, PT30M, dayEnd.plus(Duration.ofHours(12))));
        List<GroupResult.Bucket> after = EngineFixture.allBuckets(
                reprocessing.run(dayStart, dayEnd, PT30M, dayEnd.plus(Duration.ofDays(3))));

        assertThat(after).isEqualTo(EngineFixture.allBuckets(IMMEDIATE_30.run(dayStart, dayEnd, PT30M, dayEnd)));
        assertThat(before).hasSameSizeAs(after);
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            GroupResult.Bucket b = before.get(i);
            GroupResult.Bucket a = after.get(i);
            if (!b.equals(a)) {
                changed++;
                assertThat(a.metrics().get(Metric.T_ACW).sum()).isGreaterThan(b.metrics().get(Metric.T_ACW).sum());
                assertThat(a.metrics().get(Metric.T_HANDLE).sum()).isGreaterThan(b.metrics().get(Metric.T_HANDLE).sum());
                for (Metric metric : Metric.values()) {
                    if (metric != Metric.T_ACW && metric != Metric.T_HANDLE) {
                        assertThat(a.metrics().get(metric)).as(metric.wireName()).isEqualTo(b.metrics().get(metric));
                    }
                }
            }
        }
        assertThat(changed).isPositive().isLessThan(after.size() / 5);
    }
}
