package org.queueanalytics.emulator.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.queueanalytics.emulator.analytics.EngineFixture.byBucket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.ServiceLevel;

/** Each metric counts in the interval of its own event; contacts are injected through a {@link ContactSource}. */
class EventTimingTest {
    private static final Duration PT30M = Duration.ofMinutes(30);
    private static final Instant LONG_AFTER = Instant.parse("2025-02-10T00:00:00Z");
    private static final String MORNING_START = "2025-01-27T07:00:00Z";
    private static final String MORNING_END = "2025-01-27T10:00:00Z";

    private static Instant at(String time) {
        return Instant.parse("2025-01-27T" + time + "Z");
    }

    private static Map<Instant, Map<String, MetricValue>> morning(EngineFixture fixture) {
        return byBucket(fixture.run(MORNING_START, MORNING_END, PT30M, LONG_AFTER));
    }

    private static Contact withTransfer(Contact c, Contact.Transfer transfer) {
        return new Contact(c.key(), c.offeredAt(), c.direction(), c.outcome(), c.waitMs(), c.alertMs(),
                c.notRespondingMs(), c.talkMs(), c.heldMs(), c.acwMs(), transfer, c.error(), c.voicemailMs());
    }

    @Test
    void callOfferedAt0728AndAnsweredAt0732IsOfferedIn0700AndAnsweredIn0730() {
        Contact call = Contact.answered(1, at("07:28:00"), 240_000, 4_000, 180_000, 0, 30_000);
        Map<Instant, Map<String, MetricValue>> buckets = morning(EngineFixture.voiceContacts(List.of(call),
                ServiceLevelOptions.DEFAULT));

        assertThat(buckets.keySet()).containsExactly(at("07:00:00"), at("07:30:00"));
        assertThat(buckets.get(at("07:00:00"))).containsOnlyKeys("nOffered", "oServiceTarget");
        assertThat(buckets.get(at("07:30:00"))).doesNotContainKey("nOffered")
                .containsKeys("tAnswered", "tAcd", "nConnected", "tAlert", "tWait", "oServiceLevel",
                        "tTalkComplete", "tAcw", "tHandle");
        assertThat(buckets.get(at("07:30:00")).get("tAnswered")).isEqualTo(new MetricValue.Timer(240_000, 240_000, 1, 240_000));
    }

    @Test
    void aTwoHourCallsTalkTimeLandsWholeInTheIntervalWhereItEnds() {
        Contact call = Contact.answered(2, at("07:00:10"), 20_000, 3_000, 7_200_000, 0, 60_000);
        Map<Instant, Map<String, MetricValue>> buckets = morning(EngineFixture.voiceContacts(List.of(call),
                ServiceLevelOptions.DEFAULT));

        assertThat(buckets.keySet()).containsExactly(at("07:00:00"), at("09:00:00"));
        assertThat(buckets.get(at("09:00:00")).get("tTalkComplete").sum()).isEqualTo(7_200_000);
        assertThat(buckets.get(at("09:00:00")).get("tHandle").sum()).isEqualTo(7_260_000);
        assertThat(buckets.get(at("07:00:00"))).doesNotContainKeys("tTalkComplete", "tHandle");
    }

    @Test
    void aBucketHoldingOnlyEndOfSegmentMetricsHasNeitherOfferedNorServiceLevel() {
        Contact call = Contact.answered(3, at("07:00:10"), 20_000, 3_000, 7_200_000, 30_000, 60_000);
        Map<Instant, Map<String, MetricValue>> buckets = byBucket(EngineFixture.voiceContacts(List.of(call),
                ServiceLevelOptions.DEFAULT).run("2025-01-27T08:30:00Z", "2025-01-27T09:30:00Z", PT30M, LONG_AFTER));

        assertThat(buckets.keySet()).containsExactly(at("09:00:00"));
        assertThat(buckets.get(at("09:00:00")))
                .containsOnlyKeys("tTalkComplete", "tHeldComplete", "tAcw", "tHandle", "oServiceTarget");
    }

    @Test
    void theServiceLevelUsesTheQueuesGoalForTheMediaTypeAndShowsItAsTarget() {
        EngineFixture probe = EngineFixture.voiceContacts(List.of(), ServiceLevelOptions.DEFAULT);
        ServiceLevel goal = probe.queue().serviceLevel(MediaType.VOICE);
        List<Contact> calls = List.of(
                Contact.answered(1, at("07:05:00"), goal.durationMs(), 1_000, 60_000, 0, 10_000),
                Contact.answered(2, at("07:05:00"), goal.durationMs() + 1, 1_000, 60_000, 0, 10_000));
        Map<String, MetricValue> bucket = morning(EngineFixture.voiceContacts(calls, ServiceLevelOptions.DEFAULT))
                .get(at("07:00:00"));

        assertThat(bucket.get("nOverSla").count()).isEqualTo(1);
        assertThat(bucket.get("oServiceLevel")).isEqualTo(new MetricValue.Ratio(0.5, 1, 2, goal.percentage()));
        assertThat(bucket.get("oServiceTarget")).isEqualTo(new MetricValue.Target(goal.percentage()));
    }

    /** One answered within the goal, one over it, a long and a short abandon, a flow-out — all at 07:05. */
    private static MetricValue.Ratio serviceLevel(ServiceLevelOptions options) {
        ServiceLevel goal = EngineFixture.voiceContacts(List.of(), options).queue().serviceLevel(MediaType.VOICE);
        List<Contact> calls = List.of(
                Contact.answered(1, at("07:05:00"), 1_000, 1_000, 60_000, 0, 10_000),
                Contact.answered(2, at("07:05:00"), goal.durationMs() + 1_000, 1_000, 60_000, 0, 10_000),
                Contact.unanswered(3, at("07:05:00"), Contact.Outcome.ABANDONED, 30_000),
                Contact.unanswered(4, at("07:05:00"), Contact.Outcome.ABANDONED, 3_000),
                Contact.unanswered(5, at("07:05:00"), Contact.Outcome.FLOWED_OUT, 45_000));
        return (MetricValue.Ratio) morning(EngineFixture.voiceContacts(calls, options)).get(at("07:00:00"))
                .get("oServiceLevel");
    }

    @Test
    void byDefaultFlowOutsDoNotCountAndShortAbandonsAreExcludedFromTheServiceLevel() {
        MetricValue.Ratio sl = serviceLevel(ServiceLevelOptions.DEFAULT);
        assertThat(sl.numerator()).isEqualTo(1);
        assertThat(sl.denominator()).isEqualTo(3);
    }

    @Test
    void theServiceLevelOptionsChangeTheDenominatorOnly() {
        assertThat(serviceLevel(new ServiceLevelOptions(true, true)).denominator()).isEqualTo(4);
        assertThat(serviceLevel(new ServiceLevelOptions(false, false)).denominator()).isEqualTo(4);
        MetricValue.Ratio both = serviceLevel(new ServiceLevelOptions(true, false));
        assertThat(both.denominator()).isEqualTo(5);
        assertThat(both.numerator()).isEqualTo(1);
        assertThat(both.ratio()).isEqualTo(0.2);
    }

    @Test
    void aBucketWhoseOnlyWaitEndIsAShortAbandonHasNoServiceLevelByDefault() {
        List<Contact> calls = List.of(Contact.unanswered(1, at("07:05:00"), Contact.Outcome.ABANDONED, 3_000));
        Map<String, MetricValue> bucket = morning(EngineFixture.voiceContacts(calls, ServiceLevelOptions.DEFAULT))
                .get(at("07:00:00"));

        assertThat(bucket).containsKeys("tAbandon", "tShortAbandon", "oServiceTarget").doesNotContainKey("oServiceLevel");
    }

    @Test
    void aTimedOutAlertCountsInNotRespondingAndAlertWhenItEndsAndTheAnsweringAlertAtTheAnswer() {
        Contact call = new Contact(1, at("07:29:40"), Contact.Direction.INBOUND, Contact.Outcome.ANSWERED, 40_000,
                25_000, 8_000, 60_000, 0, 10_000, Contact.Transfer.NONE, false, 0);
        Map<Instant, Map<String, MetricValue>> buckets = morning(EngineFixture.voiceContacts(List.of(call),
                ServiceLevelOptions.DEFAULT));

        assertThat(buckets.get(at("07:00:00")).get("tNotResponding")).isEqualTo(new MetricValue.Timer(8_000, 8_000, 1, 8_000));
        assertThat(buckets.get(at("07:00:00")).get("tAlert")).isEqualTo(new MetricValue.Timer(8_000, 8_000, 1, 8_000));
        assertThat(buckets.get(at("07:30:00")).get("tAlert")).isEqualTo(new MetricValue.Timer(25_000, 25_000, 1, 25_000));
        assertThat(buckets.get(at("07:30:00")).get("tAcd").sum()).isEqualTo(40_000);
    }

    @Test
    void transfersAndConsultsCountWhenTalkEnds() {
        Contact base = Contact.answered(1, at("07:20:00"), 10_000, 2_000, 900_000, 0, 10_000);
        List<Contact> calls = List.of(withTransfer(base, Contact.Transfer.BLIND),
                withTransfer(base, Contact.Transfer.CONSULT_TRANSFER),
                withTransfer(base, Contact.Transfer.CONSULT_WITHOUT_TRANSFER));
        Map<Instant, Map<String, MetricValue>> buckets = morning(EngineFixture.voiceContacts(calls,
                ServiceLevelOptions.DEFAULT));

        assertThat(buckets.get(at("07:00:00"))).doesNotContainKeys("nTransferred", "nConsult");
        Map<String, MetricValue> talkEnd = buckets.get(at("07:30:00"));
        assertThat(talkEnd.get("nTransferred").count()).isEqualTo(2);
        assertThat(talkEnd.get("nBlindTransferred").count()).isEqualTo(1);
        assertThat(talkEnd.get("nConsult").count()).isEqualTo(2);
        assertThat(talkEnd.get("nConsultTransferred").count()).isEqualTo(1);
    }

    @Test
    void anOutboundEmailCountsAsOutboundAndConnectedAtItsStartNotAsOffered() {
        Contact email = new Contact(1, at("07:10:00"), Contact.Direction.OUTBOUND, Contact.Outcome.ANSWERED, 0, 0, 0,
                1_500_000, 0, 30_000, Contact.Transfer.NONE, false, 0);
        Map<Instant, Map<String, MetricValue>> buckets = morning(EngineFixture.withContacts(MediaType.EMAIL,
                List.of(email), ServiceLevelOptions.DEFAULT));

        assertThat(buckets.get(at("07:00:00"))).containsOnlyKeys("nOutbound", "nConnected", "oServiceTarget");
        assertThat(buckets.get(at("07:30:00"))).containsOnlyKeys("tTalkComplete", "tAcw", "tHandle", "oServiceTarget");
    }

    @Test
    void aCallbackThatWentToVoicemailFlowsOutWhenWaitingEndsAndCountsItsVoicemailWhenThatEnds() {
        Contact callback = new Contact(1, at("07:20:00"), Contact.Direction.INBOUND, Contact.Outcome.VOICEMAIL,
                300_000, 0, 0, 0, 0, 0, Contact.Transfer.NONE, true, 420_000);
        Map<Instant, Map<String, MetricValue>> buckets = morning(EngineFixture.withContacts(MediaType.CALLBACK,
                List.of(callback), ServiceLevelOptions.DEFAULT));

        assertThat(buckets.get(at("07:00:00"))).containsKeys("nOffered", "tFlowOut", "tWait", "nError")
                .doesNotContainKeys("tVoicemail", "oServiceLevel");
        assertThat(buckets.get(at("07:30:00"))).containsOnlyKeys("tVoicemail", "oServiceTarget");
    }

    @Test
    void oServiceTargetRendersOnlyTheConfiguredTarget() {
        Contact call = Contact.answered(1, at("07:05:00"), 1_000, 1_000, 60_000, 0, 10_000);
        EngineFixture fixture = EngineFixture.voiceContacts(List.of(call), ServiceLevelOptions.DEFAULT);
        MetricValue target = morning(fixture).get(at("07:00:00")).get("oServiceTarget");

        assertThat(target.stats()).isEqualTo(Map.of("target", fixture.queue().serviceLevel(MediaType.VOICE).percentage()));
    }
}
