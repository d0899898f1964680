package org.queueanalytics.consumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;
import org.queueanalytics.testsupport.LiveStateQueries;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.ServerControl;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The live-state pipeline (issue 16) in the consumer process beside the interval pipeline, against the
 * real Kafka broker and ClickHouse 18.16: every column stored exactly, a replay that changes no FINAL
 * count, dead letters with their headers, a ClickHouse outage that loses nothing and commits nothing
 * unwritten. Observation times are fixed instants in the past (no dependence on the wall clock).
 */
@ExtendWith(RealServersExtension.class)
class ObservationPipelineIT {
    private static final int PARTITIONS = 3;
    private static final Instant BASE = Instant.parse("2025-03-03T07:40:15.123Z");
    private static final String COLUMNS = "toUnixTimestamp(observed_at), observed_at_ms, queue_id, hex(queue_name), media_type, "
            + "metric, qualifier, count, calculated_value";

    private static ConsumerService start(TestConfig cfg, Path dir) throws Exception {
        ConfigReloader reloader = ConfigReloader.load(cfg.write(dir), new ConfigLoader(Map.of()));
        return new ConsumerService(reloader, ConsumerMode.live()).start(false);
    }

    private static ClickHouseClient client(TestConfig cfg, Path dir) throws Exception {
        return new ClickHouseClient(new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse());
    }

    private static String table(TestConfig cfg) {
        return cfg.database() + "." + cfg.observationsTable();
    }

    private static String group(TestConfig cfg) {
        return cfg.groupId() + ".observations";
    }

    /**
     * Snapshots {@code from … to-1} of {@code queues} queues, 15 s apart: per queue a conversation metric
     * without calculated value, oLongestWaiting with one, and a user metric (empty media type) with a qualifier.
     */
    private static List<QueueObservationRecord> snapshots(int from, int to, int queues) {
        List<QueueObservationRecord> out = new ArrayList<>();
        for (int s = from; s < to; s++) {
            Instant at = BASE.plusSeconds(15L * s);
            for (int q = 0; q < queues; q++) {
                String id = "q-" + q;
                String name = q % 5 == 0 ? "Støtte 'quoted' \\ \t😀" : "Queue " + q;
                out.add(QueueObservationRecord.of(id, name, q % 2 == 0 ? "voice" : "chat", "oWaiting", "", (s + q) % 7, null, at));
                out.add(QueueObservationRecord.of(id, name, "voice", "oLongestWaiting", "", 1 + q % 3, at.toEpochMilli() - 1000L * q, at));
                out.add(QueueObservationRecord.of(id, name, "", "oOnQueueUsers", q % 3 == 0 ? "IDLE" : "INTERACTING", q, null, at));
            }
        }
        return out;
    }

    private static List<Map.Entry<byte[], byte[]>> encoded(List<QueueObservationRecord> records) {
        return records.stream().map(r -> Map.entry(r.queueId().getBytes(StandardCharsets.UTF_8), ObservationJson.toBytes(r))).toList();
    }

    /** A row as {@link #COLUMNS} reads it back (TabSeparated; NULL is {@code \N}). */
    private static String expectedRow(QueueObservationRecord r) {
        return String.join("\t", Long.toString(r.observedAt().getEpochSecond()), Long.toString(r.observedAt().toEpochMilli()),
                r.queueId(), HexFormat.of().withUpperCase().formatHex(r.queueName().getBytes(StandardCharsets.UTF_8)), r.mediaType(),
                r.metric(), r.qualifier(), Long.toString(r.count()),
                r.calculatedValue() == null ? "\\N" : Long.toString(r.calculatedValue()));
    }

    private static List<String> storedRows(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return ch.query("SELECT " + COLUMNS + " FROM " + table(cfg) + " FINAL FORMAT TabSeparated").lines().toList();
    }

    private static long finalCount(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM " + table(cfg) + " FINAL").trim());
    }

    private static List<QueueIntervalRecord> intervals(int from, int to) {
        List<QueueIntervalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Rows.row(i, "Queue " + (i % 40), 1_000_000L + i));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> observationStatus(ConsumerService consumer) {
        return (Map<String, Object>) consumer.status().get("observations");
    }

    @Test
    void bothPipelinesInOneProcessStoreTheirRecordsAndEveryObservationColumnExactly(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = new TestConfig(servers).observations("").batch("{\"max_rows\":100,\"linger_ms\":100}");
        List<QueueObservationRecord> sent = snapshots(0, 4, 20); // 240 records, 4 snapshots of 20 queues
        try (KafkaFixture intervalTopic = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             KafkaFixture observationTopic = new KafkaFixture(servers, cfg.observationsTopic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            intervalTopic.sendAll(intervals(0, 400));
            observationTopic.sendRaw(encoded(sent));
            ClickHouseClient ch = client(cfg, dir);

            await().atMost(Duration.ofSeconds(60)).until(() -> intervalTopic.committedSum(cfg.groupId()) == 400
                    && observationTopic.committedSum(group(cfg)) == sent.size());

            assertThat(storedRows(ch, cfg)).containsExactlyInAnyOrderElementsOf(sent.stream().map(ObservationPipelineIT::expectedRow).toList());
            assertThat(ch.query("SELECT count() FROM " + table(cfg) + " WHERE inserted_at >= toDateTime('2020-01-01 00:00:00')").trim())
                    .as("inserted_at is filled by the server").isEqualTo(Integer.toString(sent.size()));
            assertThat(Rows.finalCount(ch, cfg)).as("the interval records land too").isEqualTo(400);
            assertThat(committedTopics(servers, cfg.groupId())).as("the interval group never reads the observations")
                    .containsExactly(cfg.topic());
            assertThat(committedTopics(servers, group(cfg))).as("nor the observations group the intervals")
                    .containsExactly(cfg.observationsTopic());

            String latest = ch.query(LiveStateQueries.latestPerQueue(table(cfg), "toDateTime(" + BASE.plusSeconds(45).getEpochSecond() + ")")
                    + " FORMAT TabSeparated");
            // snapshot 3 (the newest) of queue 0: waiting 3 (voice), oLongestWaiting since its own observation (0 s), 0 agents
            assertThat(latest.lines().toList()).hasSize(20);
            assertThat(latest.lines().findFirst().orElseThrow()).isEqualTo("q-0\t3\t0\t0\t2025-03-03 07:41:00");

            Map<String, Object> status = consumer.status();
            Map<String, Object> observations = observationStatus(consumer);
            assertThat(status.get("rows_inserted")).isEqualTo(400L);
            assertThat(status.get("group_id")).isEqualTo(cfg.groupId());
            assertThat(observations).containsEntry("enabled", true).containsEntry("ready", true)
                    .containsEntry("rows_inserted", (long) sent.size()).containsEntry("dlq_records", 0L)
                    .containsEntry("topic", cfg.observationsTopic()).containsEntry("group_id", group(cfg))
                    .containsEntry("table", table(cfg)).containsEntry("loop", "running")
                    .containsKeys("lag", "last_insert_ms", "last_commit_ms", "records_consumed", "schema");
            assertThat(consumer.readiness().ready()).isTrue();
            assertThat(consumer.registry().get("consumer_observation_rows_inserted").counter().count()).isEqualTo(sent.size());
            assertThat(consumer.registry().get("consumer_rows_inserted").counter().count()).isEqualTo(400);
        }
    }

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void replayingTheObservationsLeavesTheFinalCountsUnchangedAndTheIntervalGroupUntouched(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = new TestConfig(servers).observations("").batch("{\"max_rows\":200,\"linger_ms\":100}");
        List<QueueObservationRecord> sent = snapshots(0, 10, 30); // 900 records
        try (KafkaFixture intervalTopic = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             KafkaFixture observationTopic = new KafkaFixture(servers, cfg.observationsTopic(), PARTITIONS)) {
            intervalTopic.sendAll(intervals(0, 200));
            observationTopic.sendRaw(encoded(sent));
            ClickHouseClient ch = client(cfg, dir);
            try (ConsumerService first = start(cfg, dir)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> intervalTopic.committedSum(cfg.groupId()) == 200
                        && observationTopic.committedSum(group(cfg)) == sent.size());
            }
            assertThat(finalCount(ch, cfg)).isEqualTo(sent.size());
            List<String> before = storedRows(ch, cfg);

            resetToBeginning(servers, group(cfg), cfg.observationsTopic()); // the group is empty: its consumer closed
            assertThat(observationTopic.committedSum(group(cfg))).isZero();
            try (ConsumerService second = start(cfg, dir)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> observationTopic.committedSum(group(cfg)) == sent.size());
                assertThat(second.observationMetrics().orElseThrow().rowsInserted()).as("every record inserted again")
                        .isEqualTo(sent.size());
                assertThat(second.metrics().rowsInserted()).as("the interval records are not read again").isZero();
            }

            assertThat(finalCount(ch, cfg)).isEqualTo(sent.size());
            assertThat(storedRows(ch, cfg)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(Long.parseLong(ch.query("SELECT count() FROM (SELECT queue_id, metric, media_type, qualifier, observed_at_ms, "
                    + "count() AS c FROM " + table(cfg) + " FINAL GROUP BY queue_id, metric, media_type, qualifier, observed_at_ms "
                    + "HAVING c > 1)").trim())).as("no key twice through FINAL").isZero();
            assertThat(intervalTopic.committedSum(cfg.groupId())).isEqualTo(200);
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(200);
        }
    }

    @Test
    void anInvalidObservationGoesToTheDeadLetterTopicWithItsHeadersAndTheRestIsStored(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = new TestConfig(servers).observations("").batch("{\"max_rows\":50,\"linger_ms\":100}");
        List<QueueObservationRecord> good = snapshots(0, 2, 10); // 60 records
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>(encoded(good));
        String valid = new String(ObservationJson.toBytes(good.get(1)), StandardCharsets.UTF_8); // count 1
        Map<String, String> poison = new HashMap<>(); // value → the reason it must be dead-lettered with
        poison.put("{not json", "invalid-json");
        poison.put(valid.replace("\"schema_version\":1", "\"schema_version\":2"), "unsupported-schema-version");
        poison.put(valid.replaceFirst("\"observed_at\":\"[^\"]+\"", "\"observed_at\":\"1969-07-20T20:17:40Z\""), "invalid-record");
        poison.put(valid.replace("\"count\":", "\"count\":-"), "invalid-json");
        int at = 7;
        for (String value : poison.keySet()) {
            records.add(at, Map.entry("bad".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
            at += 13;
        }
        try (KafkaFixture intervalTopic = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             KafkaFixture observationTopic = new KafkaFixture(servers, cfg.observationsTopic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            observationTopic.sendRaw(records);
            ClickHouseClient ch = client(cfg, dir);
            await().atMost(Duration.ofSeconds(60)).until(() -> observationTopic.committedSum(group(cfg)) == records.size());

            assertThat(storedRows(ch, cfg)).containsExactlyInAnyOrderElementsOf(good.stream().map(ObservationPipelineIT::expectedRow).toList());
            List<ConsumerRecord<byte[], byte[]>> letters = readAll(servers, cfg.dlqTopic(), poison.size());
            assertThat(letters).hasSize(poison.size()).allSatisfy(letter -> {
                String value = new String(letter.value(), StandardCharsets.UTF_8);
                assertThat(poison).containsKey(value);
                assertThat(letter.key()).asString(StandardCharsets.UTF_8).isEqualTo("bad");
                assertThat(header(letter, DeadLetterPublisher.REASON)).isEqualTo(poison.get(value));
                assertThat(header(letter, DeadLetterPublisher.ORIGINAL_TOPIC)).isEqualTo(cfg.observationsTopic());
                assertThat(header(letter, DeadLetterPublisher.ORIGINAL_PARTITION)).matches("[0-2]");
                assertThat(header(letter, DeadLetterPublisher.ORIGINAL_OFFSET)).matches("\\d+");
                assertThat(header(letter, DeadLetterPublisher.ORIGINAL_TIMESTAMP)).matches("\\d+");
                assertThat(header(letter, DeadLetterPublisher.ERROR_CODE)).isEqualTo("-1");
                assertThat(header(letter, DeadLetterPublisher.ERROR_MESSAGE)).isNotBlank();
            });
            assertThat(observationStatus(consumer)).containsEntry("dlq_records", (long) poison.size());
            assertThat(consumer.metrics().deadLetters()).as("the interval pipeline's count").isZero();
            assertThat(intervalTopic.endOffsetSum()).isZero();
        }
    }

    @Test
    void aClickHouseOutageLosesNothingAndCommitsNoObservationBeforeItIsStored(RealServers servers, @TempDir Path dir) throws Exception {
        ServerControl clickhouse = servers.clickHouseControl();
        TestConfig cfg = new TestConfig(servers).observations("").batch("{\"max_rows\":100,\"linger_ms\":100}")
                .retry("{\"max_retries\":2,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
        try (KafkaFixture intervalTopic = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             KafkaFixture observationTopic = new KafkaFixture(servers, cfg.observationsTopic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            ClickHouseClient ch = client(cfg, dir);
            observationTopic.sendRaw(encoded(snapshots(0, 5, 20))); // 300
            intervalTopic.sendAll(intervals(0, 300));
            await().atMost(Duration.ofSeconds(60)).until(() -> observationTopic.committedSum(group(cfg)) == 300
                    && intervalTopic.committedSum(cfg.groupId()) == 300);

            clickhouse.stop();
            long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                observationTopic.sendRaw(encoded(snapshots(5, 15, 20))); // 600 more
                boolean sawNotReady = false;
                while (System.nanoTime() < outageEnds) {
                    assertThat(observationTopic.committedSum(group(cfg))).as("no offset committed while ClickHouse is down").isEqualTo(300);
                    assertThat(observationTopic.members(group(cfg))).as("the observations consumer stays in its group").isEqualTo(1);
                    String reason = consumer.readiness().reason();
                    sawNotReady |= !consumer.readiness().ready() && reason.startsWith("observations: ");
                    Thread.sleep(2000); // sampling interval of the invariant check, not a wait for a condition
                }
                assertThat(sawNotReady).as("not ready, naming the observations, while ClickHouse is down").isTrue();
            } finally {
                clickhouse.start();
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> observationTopic.committedSum(group(cfg)) == 900);
            assertThat(finalCount(ch, cfg)).isEqualTo(900);
            assertThat(storedRows(ch, cfg)).containsExactlyInAnyOrderElementsOf(
                    snapshots(0, 15, 20).stream().map(ObservationPipelineIT::expectedRow).toList());
            assertThat(intervalTopic.committedSum(cfg.groupId())).isEqualTo(300);
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.readiness().ready());
            assertThat(observationStatus(consumer)).containsEntry("ready", true);
        }
    }

    private static void resetToBeginning(RealServers servers, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Set<String> committedTopics(RealServers servers, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).keySet().stream()
                    .map(TopicPartition::topic).collect(Collectors.toSet());
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Every record of {@code topic} (at least {@code atLeast}, then one more poll for any surplus), group-less. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(RealServers servers, String topic, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && out.size() < atLeast) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
        }
        return out;
    }
}
