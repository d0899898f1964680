package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.MetricValue;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.producer.ProducerService;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The whole pipeline: emulator → producer → real Kafka → consumer → real ClickHouse. Every
 * (queue, media type, interval) the emulator served must arrive as exactly one row (through
 * FINAL) carrying the values of the emulator's newest answer.
 */
@ExtendWith(RealServersExtension.class)
class EndToEndIT {
    private static final String KEY_COLUMNS = "queue_id, queue_name, media_type, toUnixTimestamp(interval_start), "
            + "toUnixTimestamp(interval_end), toUnixTimestamp(event_time), granularity";

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void everyIntervalServedForAFixedRangeArrivesOnceWithItsValues(RealServers servers, @TempDir Path dir) throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant from = to.minus(Duration.ofDays(1));
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(40).deletedQueues(3).seed(7).ingestionDelay(false).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT30M\",\"date_from\":\"" + from + "\",\"date_to\":\"" + to + "\"}");
            Path file = cfg.write(dir);
            PipelineConfig config = new ConfigLoader(Map.of()).load(file);

            try (ProducerService producer = ProducerService.create(config, Clock.systemUTC())) {
                producer.runOnce();
            }
            List<ServedInterval> served = emulator.served();
            assertThat(served).hasSizeGreaterThan(500);

            try (ConsumerService consumer = new ConsumerService(ConfigReloader.load(file, new ConfigLoader(Map.of())), ConsumerMode.live())
                    .start(false)) {
                ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
                await().atMost(Duration.ofSeconds(90)).until(() -> count(ch, cfg) == served.size());
                assertRowsEqualServed(ch, cfg, served, names(emulator), "PT30M");
            }
        }
    }

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void liveIntervalsConvergeToTheNewestAnswer(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(15).seed(11).ingestionDelay(true).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    // a day back: the emulator's traffic follows hour and weekday, and three hours of a weekend night can be empty
                    .analytics("{\"interval\":\"PT15M\",\"lookback_seconds\":86400,\"deep_lookback_seconds\":86400}")
                    .pollIntervalSeconds(2);
            Path file = cfg.write(dir);
            PipelineConfig config = new ConfigLoader(Map.of()).load(file);

            try (ConsumerService consumer = new ConsumerService(ConfigReloader.load(file, new ConfigLoader(Map.of())), ConsumerMode.live())
                    .start(false)) {
                ProducerService producer = ProducerService.create(config, Clock.systemUTC());
                producer.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> producer.status().windowsPolled() >= 3);
                producer.close();
                assertThat(producer.failure()).isEmpty();

                Map<String, ServedInterval> newest = new HashMap<>();
                for (ServedInterval s : emulator.served()) {
                    newest.merge(key(s.queueId(), s.mediaType(), s.intervalStart().getEpochSecond()), s,
                            (a, b) -> a.servedAt().isAfter(b.servedAt()) ? a : b);
                }
                ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
                // the key count is complete with the first cycle's rows, the values only with the last cycle's
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertRowsEqualServed(ch, cfg, List.copyOf(newest.values()), names(emulator), "PT15M"));
                long rawRows = Long.parseLong(ch.query("SELECT count() FROM " + cfg.database() + "." + cfg.table()).trim());
                assertThat(rawRows).as("re-polls were stored as new versions").isGreaterThan(newest.size());
            }
        }
    }

    private static Map<String, String> names(GenesysEmulator emulator) {
        Map<String, String> names = new HashMap<>();
        for (EmulatedQueue q : emulator.queues()) {
            names.put(q.idString(), q.name());
        }
        for (EmulatedQueue q : emulator.deletedQueues()) {
            names.put(q.idString(), q.idString()); // a deleted queue keeps its id as its name
        }
        return names;
    }

    private static long count(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM " + cfg.database() + "." + cfg.table() + " FINAL").trim());
    }

    private static String key(String queue, String media, long start) {
        return queue + "|" + media + "|" + start;
    }

    private static void assertRowsEqualServed(ClickHouseClient ch, TestConfig cfg, List<ServedInterval> served,
                                              Map<String, String> names, String granularity) throws Exception {
        List<String> metrics = List.copyOf(expectedMetrics(served.get(0)).keySet());
        String tsv = ch.query("SELECT " + KEY_COLUMNS + ", " + String.join(", ", metrics) + " FROM " + cfg.database() + "."
                + cfg.table() + " FINAL FORMAT TabSeparated");
        Map<String, String[]> rows = tsv.lines().map(l -> l.split("\t", -1))
                .collect(Collectors.toMap(f -> key(f[0], f[2], Long.parseLong(f[3])), f -> f));
        assertThat(rows).hasSize(served.size());
        for (ServedInterval s : served) {
            String[] f = rows.get(key(s.queueId(), s.mediaType(), s.intervalStart().getEpochSecond()));
            assertThat(f).as("row for %s", s).isNotNull();
            assertThat(unescapeTsv(f[1])).isEqualTo(names.get(s.queueId()));
            assertThat(Long.parseLong(f[4])).isEqualTo(s.intervalEnd().getEpochSecond());
            assertThat(Long.parseLong(f[5])).isEqualTo(s.intervalStart().getEpochSecond());
            assertThat(f[6]).isEqualTo(granularity);
            Map<String, Object> expected = expectedMetrics(s);
            for (int i = 0; i < metrics.size(); i++) {
                String column = metrics.get(i);
                String stored = f[7 + i];
                Object want = expected.get(column);
                if (want == null) {
                    assertThat(stored).as("%s of %s (NULL: Genesys sent none)", column, s).isEqualTo("\\N");
                } else if (want instanceof Double d) {
                    assertThat(Double.parseDouble(stored)).as("%s of %s", column, s).isCloseTo(d, within(0.005));
                } else {
                    assertThat(Long.parseLong(stored)).as("%s of %s", column, s).isEqualTo(want);
                }
            }
        }
    }

    /** Each metric column and the value the emulator's answer implies (null: NULL in ClickHouse). */
    private static Map<String, Object> expectedMetrics(ServedInterval s) {
        MetricValue.Ratio sl = s.metric("oServiceLevel").filter(MetricValue.Ratio.class::isInstance)
                .map(MetricValue.Ratio.class::cast).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered", s.count("nOffered"));
        m.put("answered", s.count("tAnswered"));
        m.put("abandoned", s.count("tAbandon"));
        m.put("service_level_pct", s.serviceLevelPct());
        m.put("short_abandoned", s.count("tShortAbandon"));
        m.put("flow_outs", s.count("tFlowOut"));
        m.put("over_sla", s.count("nOverSla"));
        m.put("sl_numerator", sl == null ? 0L : sl.numerator());
        m.put("sl_denominator", sl == null ? 0L : sl.denominator());
        m.put("sl_target", sl == null ? null : sl.target());
        m.put("answer_time_ms", s.sum("tAnswered"));
        m.put("wait_time_ms", s.sum("tWait"));
        m.put("talk_time_ms", s.sum("tTalkComplete"));
        m.put("hold_time_ms", s.sum("tHeldComplete"));
        m.put("acw_time_ms", s.sum("tAcw"));
        m.put("handle_time_ms", s.sum("tHandle"));
        m.put("handle_count", s.count("tHandle"));
        m.put("transferred", s.count("nTransferred"));
        m.put("abandon_time_ms", s.sum("tAbandon"));
        m.put("max_wait_time_ms", s.max("tWait").orElse(0));
        m.put("talk_count", s.count("tTalkComplete"));
        m.put("hold_count", s.count("tHeldComplete"));
        m.put("acw_count", s.count("tAcw"));
        m.put("alert_time_ms", s.sum("tAlert"));
        m.put("alert_count", s.count("tAlert"));
        m.put("not_responding_time_ms", s.sum("tNotResponding"));
        m.put("not_responding_count", s.count("tNotResponding"));
        m.put("connected", s.count("nConnected"));
        m.put("acd_time_ms", s.sum("tAcd"));
        m.put("acd_count", s.count("tAcd"));
        m.put("consults", s.count("nConsult"));
        m.put("consult_transferred", s.count("nConsultTransferred"));
        m.put("blind_transferred", s.count("nBlindTransferred"));
        m.put("outbound", s.count("nOutbound"));
        m.put("errors", s.count("nError"));
        m.put("voicemail_time_ms", s.sum("tVoicemail"));
        m.put("voicemail_count", s.count("tVoicemail"));
        m.put("service_target", s.serviceTargetPct() == null ? null : s.serviceTargetPct() / 100);
        return m;
    }

    /** Undoes ClickHouse's TabSeparated escaping. */
    static String unescapeTsv(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char n = field.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
