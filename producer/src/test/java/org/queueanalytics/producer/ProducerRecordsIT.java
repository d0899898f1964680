package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.MetricValue;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.QueueNames;
import org.queueanalytics.producer.genesys.AggregatesQuery;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * What reaches Kafka is exactly what Genesys (the emulator) answered: every field of every record,
 * queue names that break naive string handling, deleted queues, the media-type filter.
 */
@ExtendWith(RealServersExtension.class)
class ProducerRecordsIT {
    /** Tuesday 11 March 2025, a whole UTC day, queried in quarter hours. */
    private static final String ONE_DAY = "\"interval\":\"PT15M\",\"date_from\":\"2025-03-11T00:00:00Z\",\"date_to\":\"2025-03-12T00:00:00Z\"";

    private final VirtualTime time = new VirtualTime("2025-03-12T16:07:00Z");

    @Test
    void everyRecordCarriesExactlyWhatTheEmulatorServedFieldByField(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(32).seed(41).clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).analytics("{" + ONE_DAY + "}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                producer.runOnce(); // both dates set: that range, once
            }
            Map<String, String> names = emulator.queues().stream().collect(Collectors.toMap(EmulatedQueue::idString, EmulatedQueue::name));
            List<ServedInterval> served = emulator.served();
            List<QueueIntervalRecord> records = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());

            assertThat(records).hasSize(served.size()).hasSizeGreaterThan(1000);
            for (QueueIntervalRecord r : records) {
                ServedInterval s = emulator.served(r.queueId(), r.mediaType(), r.intervalStart(), r.intervalEnd()).orElseThrow(
                        () -> new AssertionError("published an interval the emulator never served: " + r));
                assertRecordEquals(r, s, names.get(r.queueId()), "PT15M");
            }
            // the comparison covered the hard cases: sparse buckets and names that break naive escaping
            assertThat(served).anyMatch(s -> s.metrics().size() < AggregatesQuery.METRICS.size());
            assertThat(served).anyMatch(s -> s.metric("oServiceLevel").isEmpty());
            assertThat(records).extracting(QueueIntervalRecord::queueName).contains(QueueNames.ADVERSARIAL.get(4))
                    .contains(QueueNames.ADVERSARIAL.get(7)).contains(QueueNames.ADVERSARIAL.get(14));
        }
    }

    @Test
    void aDeletedQueueIsPolledUnderItsIdAsItsName(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(4).deletedQueues(2).seed(42).clock(time.clock)
                .build().start()) {
            List<String> ids = emulator.allQueues().stream().map(EmulatedQueue::idString).toList();
            Set<String> deleted = emulator.deletedQueues().stream().map(EmulatedQueue::idString).collect(Collectors.toSet());
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{" + ONE_DAY + ",\"queue_ids\":[\"" + String.join("\",\"", ids) + "\"]}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                producer.runOnce();
            }
            List<QueueIntervalRecord> records = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());

            assertThat(records).hasSize(emulator.served().size());
            assertThat(records).extracting(QueueIntervalRecord::queueId).containsAll(deleted);
            for (QueueIntervalRecord r : records) {
                String expected = deleted.contains(r.queueId()) ? r.queueId()
                        : emulator.queues().stream().filter(q -> q.idString().equals(r.queueId())).findFirst().orElseThrow().name();
                assertThat(r.queueName()).as("name of %s", r.queueId()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theMediaTypeFilterFetchesThoseMediaTypesOnly(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(20).seed(43).clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{" + ONE_DAY + ",\"media_types\":[\"chat\",\"email\"]}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                producer.runOnce();
            }
            List<QueueIntervalRecord> records = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());

            assertThat(records).hasSize(emulator.served().size());
            assertThat(records).extracting(QueueIntervalRecord::mediaType).containsOnly("chat", "email").contains("chat", "email");
            assertThat(emulator.served()).extracting(ServedInterval::mediaType).containsOnly("chat", "email");
        }
    }

    /** Every field of the record contract against the bucket the emulator served (docs/PRODUCER.md "From answer to record"). */
    static void assertRecordEquals(QueueIntervalRecord r, ServedInterval s, String queueName, String granularity) {
        MetricValue.Ratio sl = s.metric("oServiceLevel").filter(MetricValue.Ratio.class::isInstance)
                .map(MetricValue.Ratio.class::cast).orElse(null);
        Map<String, Object> actual = new HashMap<>();
        Map<String, Object> expected = new HashMap<>();
        Stream.of(
                field("schema_version", r.schemaVersion(), QueueIntervalRecord.SCHEMA_VERSION),
                field("queue_id", r.queueId(), s.queueId()),
                field("queue_name", r.queueName(), queueName),
                field("media_type", r.mediaType(), s.mediaType()),
                field("interval_start", r.intervalStart(), s.intervalStart()),
                field("interval_end", r.intervalEnd(), s.intervalEnd()),
                field("granularity", r.granularity(), granularity),
                field("fetched_at", r.fetchedAt(), s.servedAt()), // one virtual clock: fetched = served, to the millisecond
                field("offered", r.offered(), s.count("nOffered")),
                field("answered", r.answered(), s.count("tAnswered")),
                field("abandoned", r.abandoned(), s.count("tAbandon")),
                field("short_abandoned", r.shortAbandoned(), s.count("tShortAbandon")),
                field("flow_outs", r.flowOuts(), s.count("tFlowOut")),
                field("over_sla", r.overSla(), s.count("nOverSla")),
                field("sl_numerator", r.slNumerator(), sl == null ? 0L : sl.numerator()),
                field("sl_denominator", r.slDenominator(), sl == null ? 0L : sl.denominator()),
                field("sl_target", r.slTarget(), sl == null ? null : sl.target()),
                field("answer_time_ms", r.answerTimeMs(), s.sum("tAnswered")),
                field("wait_time_ms", r.waitTimeMs(), s.sum("tWait")),
                field("talk_time_ms", r.talkTimeMs(), s.sum("tTalkComplete")),
                field("hold_time_ms", r.holdTimeMs(), s.sum("tHeldComplete")),
                field("acw_time_ms", r.acwTimeMs(), s.sum("tAcw")),
                field("handle_time_ms", r.handleTimeMs(), s.sum("tHandle")),
                field("handle_count", r.handleCount(), s.count("tHandle")),
                field("transferred", r.transferred(), s.count("nTransferred")),
                field("abandon_time_ms", r.abandonTimeMs(), s.sum("tAbandon")),
                field("max_wait_time_ms", r.maxWaitTimeMs(), s.max("tWait").orElse(0)),
                field("talk_count", r.talkCount(), s.count("tTalkComplete")),
                field("hold_count", r.holdCount(), s.count("tHeldComplete")),
                field("acw_count", r.acwCount(), s.count("tAcw")),
                field("alert_time_ms", r.alertTimeMs(), s.sum("tAlert")),
                field("alert_count", r.alertCount(), s.count("tAlert")),
                field("not_responding_time_ms", r.notRespondingTimeMs(), s.sum("tNotResponding")),
                field("not_responding_count", r.notRespondingCount(), s.count("tNotResponding")),
                field("connected", r.connected(), s.count("nConnected")),
                field("acd_time_ms", r.acdTimeMs(), s.sum("tAcd")),
                field("acd_count", r.acdCount(), s.count("tAcd")),
                field("consults", r.consults(), s.count("nConsult")),
                field("consult_transferred", r.consultTransferred(), s.count("nConsultTransferred")),
                field("blind_transferred", r.blindTransferred(), s.count("nBlindTransferred")),
                field("outbound", r.outbound(), s.count("nOutbound")),
                field("errors", r.errors(), s.count("nError")),
                field("voicemail_time_ms", r.voicemailTimeMs(), s.sum("tVoicemail")),
                field("voicemail_count", r.voicemailCount(), s.count("tVoicemail")),
                field("service_target", r.serviceTarget(),
                        s.serviceTargetPct() == null ? null : s.serviceTargetPct() / 100))
                .forEach(f -> {
                    actual.put(f[0].toString(), f[1]);
                    expected.put(f[0].toString(), f[2]);
                });
        assertThat(actual).as("record %s/%s/%s", r.queueId(), r.mediaType(), r.intervalStart()).isEqualTo(expected);
        // service_level_pct = 100 × ratio, rounded to two decimals; null without a ratio (never a false 0 %)
        if (sl == null) {
            assertThat(r.serviceLevelPct()).isNull();
        } else {
            assertThat(r.serviceLevelPct()).isCloseTo(100 * sl.ratio(), within(0.005));
            assertThat(BigDecimal.valueOf(r.serviceLevelPct()).stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
        }
    }

    private static Object[] field(String name, Object actual, Object expected) {
        return new Object[] {name, actual, expected};
    }
}
