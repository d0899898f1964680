package org.queueanalytics.consumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The error policy against the real servers, with a proxy in front of ClickHouse: an unhealthy
 * ClickHouse (bare 500/502 pages) never sends a row to the DLQ, and an exception that arrives
 * in a 200 answer is never taken for "written".
 */
@ExtendWith(RealServersExtension.class)
class ClickHouseErrorAnswersIT {
    private static final int PARTITIONS = 3;

    private static ConsumerService start(TestConfig cfg, Path dir) throws Exception {
        ConfigReloader reloader = ConfigReloader.load(cfg.write(dir), new ConfigLoader(Map.of()));
        return new ConsumerService(reloader, ConsumerMode.live()).start(false);
    }

    /** Direct to ClickHouse (not through the proxy), as the default test user. */
    private static ClickHouseClient direct(RealServers servers, Path dir) throws Exception {
        Path own = Files.createDirectories(dir.resolve("direct"));
        return new ClickHouseClient(new ConfigLoader(Map.of()).load(new TestConfig(servers).write(own)).clickhouse());
    }

    private static List<QueueIntervalRecord> rows(int from, int to) {
        List<QueueIntervalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Rows.row(i, Integer.toString(i), 1_000_000L + i));
        }
        return out;
    }

    /** Every stored row as "queue|interval|offered|answer_time_ms|name", through FINAL. */
    private static Set<String> storedThroughFinal(ClickHouseClient ch, TestConfig cfg) throws Exception {
        String tsv = ch.query("SELECT queue_id, toUnixTimestamp(interval_start), offered, answer_time_ms, queue_name FROM "
                + Rows.table(cfg) + " FINAL FORMAT TabSeparated");
        Set<String> out = new TreeSet<>();
        for (String line : tsv.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.replace('\t', '|'));
            }
        }
        return out;
    }

    private static Set<String> expected(List<QueueIntervalRecord> rows) {
        Set<String> out = new TreeSet<>();
        for (QueueIntervalRecord r : rows) {
            out.add(r.queueId() + "|" + r.intervalStart().getEpochSecond() + "|" + r.offered() + "|" + r.answerTimeMs() + "|" + r.queueName());
        }
        return out;
    }

    private static long dlqCount(RealServers servers, TestConfig cfg) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            TopicPartition p0 = new TopicPartition(cfg.dlqTopic(), 0);
            return admin.listOffsets(Map.of(p0, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(p0).offset();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDlq(RealServers servers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(p)) {
            TopicPartition p0 = new TopicPartition(topic, 0);
            reader.assign(List.of(p0));
            reader.seekToBeginning(List.of(p0));
            long end = reader.endOffsets(List.of(p0), Duration.ofSeconds(30)).get(p0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reader.position(p0, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(300)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void bare500And502PagesAreRetriedNothingIsDeadLetteredOrCommittedAndEveryRowArrivesAfterwards(RealServers servers,
            @TempDir Path dir) throws Exception {
        try (FaultyClickHouseProxy proxy = new FaultyClickHouseProxy(servers.clickHouseUrl(), FaultyClickHouseProxy.Mode.FORWARD)) {
            TestConfig cfg = new TestConfig(servers).clickhouseUrl(proxy.url().toString())
                    .batch("{\"max_rows\":500,\"linger_ms\":100}")
                    .retry("{\"max_retries\":2,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
            try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
                 ConsumerService consumer = start(cfg, dir)) {
                ClickHouseClient ch = direct(servers, dir);
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.readiness().ready());

                proxy.mode(FaultyClickHouseProxy.Mode.BARE_ERRORS);
                List<QueueIntervalRecord> all = rows(0, 3000);
                kafka.sendAll(all);
                long faultEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                boolean sawNotReady = false;
                while (System.nanoTime() < faultEnds) {
                    assertThat(kafka.committedSum(cfg.groupId())).as("nothing committed while ClickHouse answers 500/502").isZero();
                    assertThat(dlqCount(servers, cfg)).as("no row dead-lettered because ClickHouse was unhealthy").isZero();
                    sawNotReady |= !consumer.readiness().ready();
                    Thread.sleep(500); // sampling interval of the invariant check, not a wait for a condition
                }
                assertThat(sawNotReady).as("/readyz 503 while retrying").isTrue();
                assertThat(proxy.bareErrors.get()).as("the proxy really answered with bare errors").isGreaterThan(4);

                proxy.mode(FaultyClickHouseProxy.Mode.FORWARD);
                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 3000);
                assertThat(Rows.finalCount(ch, cfg)).isEqualTo(3000);
                assertThat(storedThroughFinal(ch, cfg)).isEqualTo(expected(all));
                assertThat(dlqCount(servers, cfg)).isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.readiness().ready());
            }
        }
    }

    @Test
    void aLateErrorInA200AnswerIsNeverTakenForWrittenTheBadRowIsDeadLetteredAndTheGoodRowsStored(RealServers servers,
            @TempDir Path dir) throws Exception {
        try (FaultyClickHouseProxy proxy = new FaultyClickHouseProxy(servers.clickHouseUrl(), FaultyClickHouseProxy.Mode.ERRORS_AS_200)) {
            // The user whose profile has send_progress_in_http_headers=1 (scripts/clickhouse.sh creates it).
            TestConfig cfg = new TestConfig(servers).clickhouseUrl(proxy.url().toString()).clickhouseUsername("progress_headers")
                    .batch("{\"max_rows\":10000,\"linger_ms\":1000}");
            try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), 1);
                 ConsumerService consumer = start(cfg, dir)) {
                ClickHouseClient ch = direct(servers, dir);
                assertThat(ch.query("SELECT value FROM system.settings WHERE name = 'send_progress_in_http_headers'").trim())
                        .as("the default test user keeps the server default").isEqualTo("0");
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.readiness().ready());
                // A real server-side failure late in the INSERT: the default of this column cannot parse
                // the queue name "late-bad"; every other row is named by a number.
                ch.execute("ALTER TABLE " + Rows.table(cfg) + " ADD COLUMN guard UInt64 DEFAULT toUInt64(queue_name)");

                List<QueueIntervalRecord> good = rows(0, 4000);
                List<QueueIntervalRecord> sent = new ArrayList<>(good.subList(0, 3000));
                sent.add(Rows.row(4000, "late-bad", 2_000_000L));
                sent.addAll(good.subList(3000, 4000));
                kafka.sendAll(sent);

                await().atMost(Duration.ofSeconds(90)).until(() -> kafka.committedSum(cfg.groupId()) == 4001);
                assertThat(proxy.errorsTurnedInto200.get()).as("ClickHouse's error reached the consumer as a 200").isPositive();
                assertThat(Rows.finalCount(ch, cfg)).isEqualTo(4000);
                assertThat(storedThroughFinal(ch, cfg)).isEqualTo(expected(good));
                List<ConsumerRecord<byte[], byte[]>> dlq = readDlq(servers, cfg.dlqTopic());
                assertThat(dlq).singleElement().satisfies(r -> {
                    assertThat(new String(r.headers().lastHeader(DeadLetterPublisher.ERROR_CODE).value(), StandardCharsets.UTF_8))
                            .isEqualTo("6");
                    assertThat(new String(r.headers().lastHeader(DeadLetterPublisher.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
                            .contains("HTTP 200 with an exception in the body");
                });
            }
        }
    }
}
