package org.queueanalytics.emulator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;

/**
 * Conservation across intervals: over a range, each event of each generated contact appears
 * exactly once, in the bucket of its own time, whatever the granularity — checked against the
 * contacts themselves rather than against per-interval invariants.
 */
class ConservationTest {
    private static final Instant DAY_START = Instant.parse("2025-01-27T00:00:00Z");
    private static final Instant DAY_END = Instant.parse("2025-01-28T00:00:00Z");
    private static final Instant LONG_AFTER = Instant.parse("2025-02-10T00:00:00Z");
    private static final EngineFixture FIXTURE = EngineFixture.generated(30, 7, IngestionModel.IMMEDIATE);
    private static final List<Contact> CONTACTS = new ArrayList<>();
    private static List<GroupResult> halfHours;

    @BeforeAll
    static void generate() {
        for (EmulatedQueue queue : FIXTURE.catalog().all()) {
            for (MediaType media : queue.mediaTypes()) {
                FIXTURE.source().forEachContact(queue, media, DAY_START, DAY_END, CONTACTS::add);
            }
        }
        halfHours = FIXTURE.run(DAY_START, DAY_END, Duration.ofMinutes(30), LONG_AFTER);
    }

    private static boolean inDay(long epochMs) {
        return epochMs >= DAY_START.toEpochMilli() && epochMs < DAY_END.toEpochMilli();
    }

    private static long count(Predicate<Contact> event) {
        return CONTACTS.stream().filter(event).count();
    }

    private static long sum(Predicate<Contact> event, ToLongFunction<Contact> value) {
        return CONTACTS.stream().filter(event).mapToLong(value).sum();
    }

    private static boolean answeredInbound(Contact c) {
        return c.inbound() && c.outcome() == Contact.Outcome.ANSWERED;
    }

    private static boolean handled(Contact c) {
        return c.outcome() == Contact.Outcome.ANSWERED;
    }

    @Test
    void offersSumToTheInboundContactsOfferedInTheRange() {
        assertThat(EngineFixture.totalCount(halfHours, Metric.N_OFFERED))
                .isPositive()
                .isEqualTo(count(c -> c.inbound() && inDay(c.offeredAtMs())));
        assertThat(EngineFixture.totalCount(halfHours, Metric.N_OUTBOUND))
                .isPositive()
                .isEqualTo(count(c -> !c.inbound() && inDay(c.offeredAtMs())));
    }

    @Test
    void answersAbandonsAndFlowOutsSumToThoseWhoseWaitEndedInTheRange() {
        assertThat(EngineFixture.totalCount(halfHours, Metric.T_ANSWERED))
                .isEqualTo(count(c -> answeredInbound(c) && inDay(c.waitEndedAtMs())));
        assertThat(EngineFixture.totalSum(halfHours, Metric.T_ANSWERED))
                .isEqualTo(sum(c -> answeredInbound(c) && inDay(c.waitEndedAtMs()), Contact::waitMs));
        assertThat(EngineFixture.totalCount(halfHours, Metric.T_ABANDON))
                .isEqualTo(count(c -> c.outcome() == Contact.Outcome.ABANDONED && inDay(c.waitEndedAtMs())));
        assertThat(EngineFixture.totalCount(halfHours, Metric.T_FLOW_OUT)).isEqualTo(count(c -> c.inbound()
                && (c.outcome() == Contact.Outcome.FLOWED_OUT || c.outcome() == Contact.Outcome.VOICEMAIL)
                && inDay(c.waitEndedAtMs())));
        assertThat(EngineFixture.totalCount(halfHours, Metric.T_WAIT))
                .isEqualTo(count(c -> c.inbound() && inDay(c.waitEndedAtMs())));
        assertThat(EngineFixture.totalCount(halfHours, Metric.N_CONNECTED))
                .isEqualTo(count(c -> handled(c) && inDay(c.waitEndedAtMs())));
    }

    @Test
    void segmentEndsSumToTheSegmentsEndingInTheRange() {
        assertThat(EngineFixture.totalSum(halfHours, Metric.T_HANDLE))
                .isEqualTo(sum(c -> handled(c) && inDay(c.acwEndedAtMs()), Contact::handleMs));
        assertThat(EngineFixture.totalCount(halfHours, Metric.T_HANDLE))
                .isEqualTo(count(c -> handled(c) && inDay(c.acwEndedAtMs())));
        assertThat(EngineFixture.totalSum(halfHours, Metric.T_TALK_COMPLETE))
                .isEqualTo(sum(c -> handled(c) && inDay(c.talkEndedAtMs()), Contact::talkMs));
        assertThat(EngineFixture.totalSum(halfHours, Metric.T_ACW))
                .isEqualTo(sum(c -> handled(c) && inDay(c.acwEndedAtMs()), Contact::acwMs));
        assertThat(EngineFixture.totalSum(halfHours, Metric.T_VOICEMAIL))
                .isEqualTo(sum(c -> c.outcome() == Contact.Outcome.VOICEMAIL && inDay(c.voicemailEndedAtMs()),
                        Contact::voicemailMs));
    }

    @Test
    void everyGranularityCountsEachEventOnce() {
        List<GroupResult> quarterHours = FIXTURE.run(DAY_START, DAY_END, Duration.ofMinutes(15), LONG_AFTER);
        List<GroupResult> wholeDay = FIXTURE.run(DAY_START, DAY_END, Duration.ofDays(1), LONG_AFTER);
        for (Metric metric : Metric.values()) {
            if (metric.isCount() || metric.isTimer()) {
                long total = EngineFixture.totalCount(halfHours, metric);
                assertThat(EngineFixture.totalCount(quarterHours, metric)).as(metric.wireName()).isEqualTo(total);
                assertThat(EngineFixture.totalCount(wholeDay, metric)).as(metric.wireName()).isEqualTo(total);
                assertThat(EngineFixture.totalSum(wholeDay, metric)).as(metric.wireName())
                        .isEqualTo(EngineFixture.totalSum(halfHours, metric));
            }
        }
    }

    @Test
    void answeredExceedsOfferedInSomeBucketsOfAGeneratedDay() {
        List<GroupResult.Bucket> buckets = EngineFixture.allBuckets(halfHours);
        assertThat(buckets).anySatisfy(b -> assertThat(count(b, Metric.T_ANSWERED))
                .isGreaterThan(count(b, Metric.N_OFFERED)).isPositive());
        assertThat(buckets).anySatisfy(b -> assertThat(b.metrics())
                .containsKey(Metric.T_HANDLE)
                .doesNotContainKeys(Metric.N_OFFERED, Metric.O_SERVICE_LEVEL));
    }

    private static long count(GroupResult.Bucket bucket, Metric metric) {
        MetricValue value = bucket.metrics().get(metric);
        return value == null ? 0 : value.count();
    }

    @Test
    void theGeneratorPassesEveryContactWithAnEventInTheRangeAndSpansStayWithinTheirBound() {
        ContactGenerator generator = new ContactGenerator(7);
        Instant from = Instant.parse("2025-01-27T12:00:00Z");
        Instant to = Instant.parse("2025-01-27T14:00:00Z");
        for (EmulatedQueue queue : FIXTURE.catalog().all()) {
            for (MediaType media : queue.mediaTypes()) {
                List<Contact> passed = new ArrayList<>();
                generator.forEachContact(queue, media, from, to, passed::add);
                List<Contact> everything = new ArrayList<>();
                Instant farBack = from.minus(Duration.ofDays(5));
                for (Instant slot = farBack; slot.isBefore(to); slot = slot.plus(ContactGenerator.SLOT)) {
                    everything.addAll(generator.contacts(queue, media, slot));
                }
                for (Instant block = farBack; block.isBefore(to); block = block.plus(ContactGenerator.LONG_BLOCK)) {
                    everything.addAll(generator.longContacts(queue, media, block));
                }
                Duration bound = TrafficProfile.of(media).maxSpan();
                assertThat(everything).allSatisfy(c -> assertThat(c.spanMs()).isLessThanOrEqualTo(bound.toMillis()));
                assertThat(passed).containsAll(everything.stream()
                        .filter(c -> c.offeredAtMs() < to.toEpochMilli()
                                && c.offeredAtMs() + c.spanMs() >= from.toEpochMilli())
                        .toList());
            }
        }
    }

    @Test
    void someConversationsLastHoursOrDays() {
        assertThat(CONTACTS).anySatisfy(c -> assertThat(c.talkMs()).isGreaterThan(Duration.ofHours(1).toMillis()));
        assertThat(CONTACTS).anySatisfy(c -> assertThat(c.waitMs()).isGreaterThan(Duration.ofHours(24).toMillis()));
    }
}
