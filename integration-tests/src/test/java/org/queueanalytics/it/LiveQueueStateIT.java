package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.auth.Permissions;
import org.queueanalytics.emulator.observations.ObservationRow;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.producer.ProducerService;
import org.queueanalytics.testsupport.LiveStateQueries;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Live queue state end to end: emulator → producer's observation poller → real Kafka → consumer's
 * observations pipeline → real ClickHouse. The emulator's clock stands still at a busy instant, so every
 * snapshot the producer takes is the emulator's state at that instant ({@link GenesysEmulator#observationsAt}),
 * and each snapshot in the table must be exactly that state: every queue, media type, metric and qualifier,
 * with its count and calculated value — nothing missing, nothing extra, nothing stored twice.
 */
@ExtendWith(RealServersExtension.class)
class LiveQueueStateIT {
    /** A Wednesday afternoon: the emulator's traffic follows hour and weekday, and this is one of its busiest hours. */
    private static final Instant AT = Instant.parse("2026-11-18T14:07:30Z");
    private static final int INTERVAL_SECONDS = 5;
    private static final int SNAPSHOTS = 3;

    @Test
    void everySnapshotStoredIsTheEmulatorsStateAtThatMoment(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(30).seed(16).clock(Clock.fixed(AT, ZoneOffset.UTC))
                .build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .observations("\"interval_seconds\": " + INTERVAL_SECONDS);
            Path file = cfg.write(dir);
            PipelineConfig config = new ConfigLoader(Map.of()).load(file);
            List<String> expected = expectedSnapshot(emulator, config.observations());
            assertThat(expected.stream().filter(row -> row.contains("\toWaiting\t") && !row.contains("\toWaiting\t\t0\t")))
                    .as("the frozen instant has callers waiting (a test of zeros would prove little)").isNotEmpty();

            try (ConsumerService consumer = new ConsumerService(ConfigReloader.load(file, new ConfigLoader(Map.of())), ConsumerMode.live())
                    .start(false)) {
                ProducerService producer = ProducerService.create(config, Clock.systemUTC());
                try (producer) {
                    producer.start();
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> producer.observationStatus().snapshots().getOrDefault("complete", 0L) >= SNAPSHOTS);
                }
                assertThat(producer.failure()).isEmpty();
                assertThat(producer.observationStatus().snapshots()).containsEntry("failed", 0L).containsEntry("partial", 0L);
                assertThat(producer.observationStatus().queriesSkipped()).isZero();
                long published = producer.observationStatus().recordsPublished();
                ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
                String table = cfg.database() + "." + cfg.observationsTable();
                await().atMost(Duration.ofSeconds(60)).until(() -> count(ch, table) == published);

                Map<Long, List<String>> snapshots = storedSnapshots(ch, table);
                assertThat(snapshots).as("one observed_at per snapshot").hasSizeGreaterThanOrEqualTo(SNAPSHOTS);
                assertThat((long) snapshots.size() * expected.size()).as("every record published is one snapshot row").isEqualTo(published);
                for (Map.Entry<Long, List<String>> snapshot : snapshots.entrySet()) {
                    assertThat(snapshot.getValue()).as("snapshot observed at %s", Instant.ofEpochMilli(snapshot.getKey()))
                            .containsExactlyInAnyOrderElementsOf(expected);
                }
                List<Long> times = List.copyOf(snapshots.keySet());
                for (int i = 1; i < times.size(); i++) {
                    assertThat(times.get(i) - times.get(i - 1)).as("snapshots follow observations.interval_seconds")
                            .isBetween(INTERVAL_SECONDS * 1000L - 1000, INTERVAL_SECONDS * 1000L * 4);
                }

                assertLatestPerQueueQuery(ch, table, emulator, config.observations(), times.get(times.size() - 1));
                @SuppressWarnings("unchecked")
                Map<String, Object> status = (Map<String, Object>) consumer.status().get("observations");
                assertThat(status).containsEntry("rows_inserted", published).containsEntry("dlq_records", 0L);
            }
        }
    }

    /**
     * The failure a real org meets first: the OAuth client lacks {@code analytics:queueObservation:view}. Every
     * snapshot fails with an error naming the permission, nothing reaches the observations topic or table, and the
     * interval history arrives whole — both in the producer and in the consumer, which stays ready.
     */
    @Test
    void aMissingObservationPermissionFailsOnlyTheSnapshotsAndNamesThePermission(RealServers servers, @TempDir Path dir)
            throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(8).seed(17).ingestionDelay(false)
                .denyPermission(Permissions.ANALYTICS_QUEUE_OBSERVATION_VIEW).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    // a day back: the emulator's traffic follows hour and weekday, and an hour of a weekend night can be empty
                    .analytics("{\"interval\":\"PT30M\",\"lookback_seconds\":86400,\"deep_lookback_seconds\":86400}")
                    .observations("\"interval_seconds\": " + INTERVAL_SECONDS);
            Path file = cfg.write(dir);
            PipelineConfig config = new ConfigLoader(Map.of()).load(file);
            try (ConsumerService consumer = new ConsumerService(ConfigReloader.load(file, new ConfigLoader(Map.of())), ConsumerMode.live())
                    .start(false)) {
                ProducerService producer = ProducerService.create(config, Clock.systemUTC());
                try (producer) {
                    producer.start();
                    await().atMost(Duration.ofSeconds(90)).until(() -> producer.status().windowsPolled() >= 1
                            && producer.observationStatus().snapshots().getOrDefault("failed", 0L) >= 2);
                }
                assertThat(producer.failure()).isEmpty();
                assertThat(producer.observationStatus().lastError()).contains(Permissions.ANALYTICS_QUEUE_OBSERVATION_VIEW);
                assertThat(producer.observationStatus().recordsPublished()).isZero();
                assertThat(producer.observationStatus().snapshots()).containsEntry("complete", 0L);
                assertThat(producer.status().cyclesFailed()).as("interval cycles are not affected").isZero();
                long published = producer.status().recordsPublished();
                assertThat(published).isPositive();
                ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
                await().atMost(Duration.ofSeconds(60)).until(() -> consumer.metrics().rowsInserted() == published);
                assertThat(count(ch, cfg.database() + "." + cfg.table())).isPositive();
                assertThat(count(ch, cfg.database() + "." + cfg.observationsTable())).isZero();
                assertThat(consumer.readiness().ready()).as("the consumer is ready: %s", consumer.readiness().reason()).isTrue();
            }
        }
    }

    /**
     * The README's "latest per queue" query over the stored snapshots gives, per queue, the emulator's waiting count
     * (all media types), agents on queue (all routing statuses) and the age of its longest wait at the newest snapshot.
     */
    private static void assertLatestPerQueueQuery(ClickHouseClient ch, String table, GenesysEmulator emulator,
                                                  ObservationSettings settings, long newestMs) throws Exception {
        Map<String, long[]> want = new TreeMap<>(); // queue → waiting, on queue, oldest wait start (Long.MAX_VALUE: none)
        for (ObservationRow row : emulator.observationsAt(AT).rows()) {
            if (!settings.metrics().contains(row.metric())) {
                continue;
            }
            long[] v = want.computeIfAbsent(row.queueId(), q -> new long[] {0, 0, Long.MAX_VALUE});
            switch (row.metric()) {
                case "oWaiting" -> v[0] += row.count();
                case "oOnQueueUsers" -> v[1] += row.count();
                case "oLongestWaiting" -> v[2] = row.calculatedValue() == null ? v[2] : Math.min(v[2], row.calculatedValue());
                default -> { }
            }
        }
        String now = "toDateTime(" + Math.floorDiv(newestMs, 1000) + ")";
        List<String[]> got = ch.query(LiveStateQueries.latestPerQueue(table, now) + " FORMAT TabSeparated").lines()
                .map(line -> line.split("\t", -1)).toList();
        assertThat(got).extracting(f -> f[0]).as("one row per queue").containsExactlyElementsOf(want.keySet());
        for (String[] f : got) {
            long[] v = want.get(f[0]);
            assertThat(Long.parseLong(f[1])).as("waiting in %s", f[0]).isEqualTo(v[0]);
            assertThat(Long.parseLong(f[2])).as("agents on queue in %s", f[0]).isEqualTo(v[1]);
            if (v[2] == Long.MAX_VALUE) {
                assertThat(f[3]).as("longest wait in %s: nobody waits", f[0]).isEqualTo("\\N");
            } else {
                assertThat(Double.parseDouble(f[3])).as("longest wait in %s (s)", f[0]).isCloseTo((newestMs - v[2]) / 1000.0, within(0.0005));
            }
        }
    }

    /** The emulator's state at {@link #AT} for the metrics the producer asks for, as the rows {@link #storedSnapshots} reads. */
    private static List<String> expectedSnapshot(GenesysEmulator emulator, ObservationSettings settings) {
        Map<String, String> names = emulator.queues().stream().collect(Collectors.toMap(EmulatedQueue::idString, EmulatedQueue::name));
        return emulator.observationsAt(AT).rows().stream()
                .filter(row -> settings.metrics().contains(row.metric()))
                .map(row -> String.join("\t", row.queueId(), names.get(row.queueId()), row.mediaType(), row.metric(), row.qualifier(),
                        Long.toString(row.count()), row.calculatedValue() == null ? "\\N" : Long.toString(row.calculatedValue())))
                .toList();
    }

    /** Every stored row through FINAL, by its snapshot's {@code observed_at_ms}, oldest first. */
    private static Map<Long, List<String>> storedSnapshots(ClickHouseClient ch, String table) throws Exception {
        Map<Long, List<String>> out = new TreeMap<>();
        String tsv = ch.query("SELECT observed_at_ms, toUnixTimestamp(observed_at), queue_id, queue_name, media_type, metric, qualifier, "
                + "count, calculated_value FROM " + table + " FINAL FORMAT TabSeparated");
        Map<Long, Long> secondOf = new HashMap<>();
        for (String line : tsv.lines().toList()) {
            String[] f = line.split("\t", -1);
            long ms = Long.parseLong(f[0]);
            secondOf.put(ms, Long.parseLong(f[1]));
            String row = String.join("\t", f[2], EndToEndIT.unescapeTsv(f[3]), f[4], f[5], f[6], f[7], f[8]);
            out.computeIfAbsent(ms, k -> new ArrayList<>()).add(row);
        }
        secondOf.forEach((ms, second) -> assertThat(second).as("observed_at is the second of observed_at_ms").isEqualTo(Math.floorDiv(ms, 1000)));
        return out;
    }

    private static long count(ClickHouseClient ch, String table) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM " + table + " FINAL").trim());
    }
}
