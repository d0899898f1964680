package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
    private static final String COLUMNS = "queue_id, queue_name, media_type, toUnixTimestamp(interval_start), toUnixTimestamp(interval_end), "
            + "toUnixTimestamp(event_time), granularity, offered, answered, abandoned, service_level_pct, short_abandoned, flow_outs, "
            + "over_sla, sl_numerator, sl_denominator, sl_target, answer_time_ms, wait_time_ms, talk_time_ms, hold_time_ms, "
            + "acw_time_ms, handle_time_ms, handle_count, transferred";

    @Test
    void everyIntervalServedForAFixedRangeArrivesOnceWithItsValues(RealServers servers, @TempDir Path dir) throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant from = to.minus(Duration.ofDays(1));
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(40).deletedQueues(3).seed(7).growth(false).build().start()) {
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
    void liveIntervalsThatKeepGrowingConvergeToTheNewestAnswer(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(15).seed(11).growth(true).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT15M\",\"lookback_seconds\":10800,\"deep_lookback_seconds\":10800}")
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
        String tsv = ch.query("SELECT " + COLUMNS + " FROM " + cfg.database() + "." + cfg.table() + " FINAL FORMAT TabSeparated");
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
            MetricValue.Ratio sl = s.metric("oServiceLevel").filter(MetricValue.Ratio.class::isInstance)
                    .map(MetricValue.Ratio.class::cast).orElse(null);
            long[] expected = {s.offered(), s.answered(), s.abandoned()};
            for (int i = 0; i < expected.length; i++) {
                assertThat(Long.parseLong(f[7 + i])).as("count %d of %s", i, s).isEqualTo(expected[i]);
            }
            assertThat(Double.parseDouble(f[10])).isCloseTo(s.serviceLevelPct(), org.assertj.core.data.Offset.offset(0.005));
            assertThat(Long.parseLong(f[11])).isEqualTo(s.count("tShortAbandon"));
            assertThat(Long.parseLong(f[12])).isEqualTo(s.count("tFlowOut"));
            assertThat(Long.parseLong(f[13])).isEqualTo(s.count("nOverSla"));
            assertThat(Long.parseLong(f[14])).isEqualTo(sl == null ? 0 : sl.numerator());
            assertThat(Long.parseLong(f[15])).isEqualTo(sl == null ? 0 : sl.denominator());
            assertThat(Double.parseDouble(f[16])).isEqualTo(sl == null ? 0.0 : sl.target());
            assertThat(Long.parseLong(f[17])).isEqualTo(s.sum("tAnswered"));
            assertThat(Long.parseLong(f[18])).isEqualTo(s.sum("tWait"));
            assertThat(Long.parseLong(f[19])).isEqualTo(s.sum("tTalkComplete"));
            assertThat(Long.parseLong(f[20])).isEqualTo(s.sum("tHeldComplete"));
            assertThat(Long.parseLong(f[21])).isEqualTo(s.sum("tAcw"));
            assertThat(Long.parseLong(f[22])).isEqualTo(s.sum("tHandle"));
            assertThat(Long.parseLong(f[23])).isEqualTo(s.count("tHandle"));
            assertThat(Long.parseLong(f[24])).isEqualTo(s.count("nTransferred"));
        }
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
