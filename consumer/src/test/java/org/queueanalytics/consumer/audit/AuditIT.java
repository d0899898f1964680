package org.queueanalytics.consumer.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.cli.ExitCodes;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMain;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.TestTopics;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.Inserter;
import picocli.CommandLine;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/** {@code consumer audit} against a real Kafka broker and a real ClickHouse server, after a real consumer run. */
@ExtendWith(RealServersExtension.class)
public class AuditIT {
    private static final Instant DAY = Instant.parse("2025-01-27T00:00:00Z");
    private static final int QUEUES = 40;
    private static final int INTERVALS = 12;
    private static final int VERSIONS = 3;

    /** Version v (1…3) of (queue q, media m, interval i): a re-poll changes the counts and the fetched_at. */
    static QueueIntervalRecord record(int q, int m, int i, int v) {
        Instant start = DAY.plus(Duration.ofMinutes(30L * i));
        return QueueIntervalRecord.builder().queueId("queue-" + q).queueName("Queue " + q).mediaType(m == 0 ? "voice" : "chat")
                .intervalStart(start).intervalEnd(start.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(start.plus(Duration.ofMinutes(31L + 10L * v)).plusMillis(q * 7L + m))
                .offered(10 + v).answered(5 + v).abandoned(1).serviceLevelPct(i % 4 == 0 ? null : 50.0 + v)
                .slTarget(i % 4 == 0 ? null : 0.8).slNumerator(v).slDenominator(v + 2).handleTimeMs(1000L * v)
                .handleCount(v).serviceTarget(i % 2 == 0 ? 0.8 : null).build();
    }

    @Test
    void afterACleanRunNothingIsMissingThenEveryDeletedStaleOrChangedRowIsNamedExactly(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":700,\"linger_ms\":200}");
        Path file = cfg.write(dir);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int q = 0; q < QUEUES; q++) {
                for (int m = 0; m < 2; m++) {
                    for (int i = 0; i < INTERVALS; i++) {
                        QueueIntervalRecord r = record(q, m, i, v);
                        records.add(new ProducerRecord<>(cfg.topic(), utf8(r.queueId()), RecordJson.toBytes(r)));
                    }
                }
            }
        }
        QueueIntervalRecord poison = record(99, 0, 0, 1).toBuilder().offered(-1).build();
        records.add(new ProducerRecord<>(cfg.topic(), utf8("queue-99"), RecordJson.toBytes(poison)));
        createTopic(servers, cfg.topic());
        produce(servers, records);
        int keys = QUEUES * 2 * INTERVALS;

        PipelineConfig config = new ConfigLoader(Map.of()).load(file);
        ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
        String table = config.clickhouse().qualifiedTable();
        try (ConsumerService service = new ConsumerService(ConfigReloader.load(file, new ConfigLoader(Map.of())), ConsumerMode.live())
                .start(false)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> service.metrics().recordsConsumed() >= records.size()
                    && service.metrics().deadLetters() == 1
                    && Long.parseLong(ch.query("SELECT count() FROM " + table + " FINAL").trim()) == keys
                    && Long.parseLong(ch.query("SELECT count() FROM " + table + " FINAL WHERE offered = " + (10 + VERSIONS)).trim()) == keys);
        }
        assertThat(Long.parseLong(ch.query("SELECT count() FROM " + table).trim()))
                .as("several versions per key were inserted").isGreaterThan(keys);

        Result clean = audit(file, "--json");
        assertThat(clean.exit).as(clean.out).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(clean.out);
        assertThat(json.get("records_read").asLong()).isEqualTo(records.size());
        assertThat(json.get("keys").asLong()).isEqualTo(keys + 1);
        assertThat(json.get("matched").asLong()).isEqualTo(keys);
        assertThat(json.get("missing").asLong()).isZero();
        assertThat(json.get("stale").asLong()).isZero();
        assertThat(json.get("differs").asLong()).isZero();
        assertThat(json.get("dead_lettered").asLong()).as("the poison record is in the DLQ, not missing").isEqualTo(1);
        assertThat(json.get("examples").get("dead_lettered").get(0).get("queue_id").asText()).isEqualTo("queue-99");
        assertThat(json.get("examples").get("dead_lettered").get(0).get("reason").asText()).isEqualTo("invalid-record");

        // Break it on purpose: two keys deleted, one left at an older version, one changed at the same version.
        String missingA = "queue_id = 'queue-3' AND media_type = 'voice' AND interval_start = toDateTime('2025-01-27 00:00:00')";
        String missingB = "queue_id = 'queue-17' AND media_type = 'chat' AND interval_start = toDateTime('2025-01-27 05:30:00')";
        String stale = "queue_id = 'queue-5' AND media_type = 'voice' AND interval_start = toDateTime('2025-01-27 01:00:00')";
        String differs = "queue_id = 'queue-8' AND media_type = 'chat' AND interval_start = toDateTime('2025-01-27 02:30:00')";
        ch.execute("ALTER TABLE " + table + " DELETE WHERE (" + missingA + ") OR (" + missingB + ") OR (" + stale + ") OR ("
                + differs + ")");
        String[] dbTable = table.split("\\.");
        await().atMost(Duration.ofSeconds(60)).until(() -> ch.query("SELECT count() FROM system.mutations WHERE database = '"
                + dbTable[0] + "' AND table = '" + dbTable[1] + "' AND is_done = 0").trim().equals("0"));
        assertThat(ch.query("SELECT count() FROM " + table + " WHERE (" + missingA + ") OR (" + stale + ")").trim()).isEqualTo("0");
        new Inserter(ch, config.clickhouse()).insert(List.of(record(5, 0, 2, 2),
                record(8, 1, 5, VERSIONS).toBuilder().transferred(1).build()));
        // A record the consumer never saw (it is stopped) and would dead-letter: missing, with the reason.
        produce(servers, List.of(new ProducerRecord<>(cfg.topic(), utf8("queue-1"), utf8("{not json"))));

        Result broken = audit(file, "--json");
        assertThat(broken.exit).as(broken.out).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        JsonNode report = new ObjectMapper().readTree(broken.out);
        assertThat(report.get("missing").asLong()).isEqualTo(3);
        assertThat(report.get("stale").asLong()).isEqualTo(1);
        assertThat(report.get("differs").asLong()).isEqualTo(1);
        assertThat(report.get("dead_lettered").asLong()).isEqualTo(1);
        assertThat(report.get("matched").asLong()).isEqualTo(keys - 4);
        assertThat(keysOf(report.get("examples").get("missing")))
                .containsExactlyInAnyOrder("queue-3 voice 2025-01-27T00:00:00Z", "queue-17 chat 2025-01-27T05:30:00Z", "record");
        assertThat(report.get("examples").get("missing").findValuesAsText("reason"))
                .singleElement().asString().startsWith("invalid-json").endsWith("(not in the DLQ)");
        assertThat(keysOf(report.get("examples").get("stale"))).containsExactly("queue-5 voice 2025-01-27T01:00:00Z");
        JsonNode staleExample = report.get("examples").get("stale").get(0);
        assertThat(Instant.parse(staleExample.get("table_fetched_at").asText()))
                .isEqualTo(record(5, 0, 2, 2).fetchedAt());
        assertThat(keysOf(report.get("examples").get("differs"))).containsExactly("queue-8 chat 2025-01-27T02:30:00Z");

        Result text = audit(file);
        assertThat(text.exit).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(text.out).contains("missing        3").contains("queue-5 voice 2025-01-27T01:00:00Z").contains("INCOMPLETE");

        try (Admin admin = admin(servers)) {
            assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId)
                    .filteredOn(g -> g.contains(cfg.topic().substring(3)) || g.contains("audit"))
                    .as("the audit joins and commits in no group").containsOnly(cfg.groupId());
        }
    }

    private static Set<String> keysOf(JsonNode examples) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : examples) {
            out.add(e.get("queue_id").isNull() ? "record"
                    : e.get("queue_id").asText() + " " + e.get("media_type").asText() + " " + e.get("interval_start").asText());
        }
        return out;
    }

    record Result(int exit, String out) {
    }

    static Result audit(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--config", file.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        CommandLine cl = ExitCodes.commandLine(new ConsumerMain());
        cl.setOut(new PrintWriter(out, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Result(exit, out.toString());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Admin admin(RealServers servers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()));
    }

    public static void createTopic(RealServers servers, String topic) throws Exception {
        try (Admin admin = admin(servers)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            TestTopics.awaitLeaders(admin, topic, 3);
        }
    }

    public static void produce(RealServers servers, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }
}
