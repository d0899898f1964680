package org.queueanalytics.consumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * "The loop never dies silently", against the real servers: a frozen broker and a DLQ that refuses
 * its records. The consumer either recovers and stores everything exactly, or reports a fatal error
 * (exit 1 in production) — it never sits idle while {@code /healthz} says 200.
 */
@ExtendWith(RealServersExtension.class)
class LoopSafetyIT {
    private static final int PARTITIONS = 3;
    private final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
    private final FatalErrorHandler wouldExit1 = (component, error) -> fatalErrors.add(error);
    private final HttpClient http = HttpClient.newHttpClient();

    private ConsumerService start(TestConfig cfg, Path dir) throws Exception {
        ConfigReloader reloader = ConfigReloader.load(cfg.write(dir), new ConfigLoader(Map.of()));
        return new ConsumerService(reloader, ConsumerMode.live(), wouldExit1).start(true);
    }

    private static ClickHouseClient client(TestConfig cfg, Path dir) throws Exception {
        return new ClickHouseClient(new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse());
    }

    private static List<QueueIntervalRecord> rows(int from, int to) {
        List<QueueIntervalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Rows.row(i, "Queue " + (i % 40), 2_000_000L + i));
        }
        return out;
    }

    private int get(ConsumerService consumer, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + consumer.adminPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aBrokerFrozenFor45SecondsUnderLoadEndsInEveryRowStoredExactlyOrAFatalExitNeverInAnIdleHealthyConsumer(
            RealServers servers, @TempDir Path dir) throws Exception {
        FrozenBroker broker = FrozenBroker.fromEnvironment();
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":500,\"linger_ms\":100}")
                .retry("{\"max_retries\":2,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 4000));
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 4000);

            kafka.sendAll(rows(4000, 12_000)); // in flight when the broker freezes: inserts go on, commits cannot
            broker.stop();
            try {
                long thawAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while (System.nanoTime() < thawAt) {
                    int health = get(consumer, "/healthz");
                    if (health == 200) {
                        assertThat(fatalErrors).as("/healthz says 200 only while the loop runs").isEmpty();
                    } else {
                        assertThat(consumer.liveness().alive()).as("/healthz 503 only once the loop ended").isFalse();
                    }
                    Thread.sleep(1000); // sampling interval of the invariant check, not a wait for a condition
                }
            } finally {
                broker.resume();
            }

            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !fatalErrors.isEmpty() || kafka.committedSum(cfg.groupId()) == 12_000);
            if (fatalErrors.isEmpty()) {
                assertThat(Rows.finalCount(ch, cfg)).isEqualTo(12_000);
                assertThat(Rows.duplicateKeysThroughFinal(ch, cfg)).isZero();
                assertThat(get(consumer, "/healthz")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> get(consumer, "/readyz") == 200);
            } else {
                // the other allowed outcome: reported once (exit 1 in production), and /healthz tells the orchestrator
                assertThat(fatalErrors).hasSize(1);
                assertThat(get(consumer, "/healthz")).isEqualTo(503);
                assertThat(kafka.committedSum(cfg.groupId())).as("nothing committed unwritten")
                        .isLessThanOrEqualTo(Rows.rawCount(ch, cfg));
            }
        }
    }

    @Test
    void aDlqThatRefusesThePoisonRecordHoldsTheCommitInsertsTheGoodRowsOnceAndCommitsOnceItIsFixed(
            RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":1000,\"linger_ms\":200}")
                .retry("{\"max_retries\":1,\"base_delay_seconds\":1,\"max_delay_seconds\":1}");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()));
             KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), 1)) {
            // The DLQ exists (the consumer leaves it as it is) but takes no record of this size.
            admin.createTopics(List.of(new NewTopic(cfg.dlqTopic(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100")))).all().get(30, TimeUnit.SECONDS);
            ClickHouseClient ch = client(cfg, dir);
            List<QueueIntervalRecord> records = new ArrayList<>(rows(0, 50));
            QueueIntervalRecord poison = rows(50, 51).get(0).toBuilder().offered(-1).build();
            records.add(poison);
            kafka.sendAll(records);

            try (ConsumerService consumer = start(cfg, dir)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> consumer.metrics().deadLetterFailures() >= 3);
                assertThat(get(consumer, "/readyz")).isEqualTo(503);
                assertThat(consumer.readiness().reason()).contains("dead-lettering");
                assertThat(get(consumer, "/healthz")).as("alive: it retries").isEqualTo(200);
                assertThat(kafka.committedSum(cfg.groupId())).as("no commit past the poison record").isZero();
                assertThat(Rows.rawCount(ch, cfg)).as("the good rows are inserted once, not every round").isEqualTo(50);
                assertThat(consumer.metrics().rowsInserted()).isEqualTo(50);

                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, cfg.dlqTopic()),
                        List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576"),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);

                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 51);
                assertThat(admin.listOffsets(Map.of(new TopicPartition(cfg.dlqTopic(), 0), OffsetSpec.latest())).all()
                        .get(30, TimeUnit.SECONDS).values().iterator().next().offset()).as("the poison record is in the DLQ").isEqualTo(1);
                assertThat(Rows.rawCount(ch, cfg)).isEqualTo(50);
                await().atMost(Duration.ofSeconds(30)).until(() -> get(consumer, "/readyz") == 200);
                assertThat(fatalErrors).isEmpty();
            }
        }
    }

    /** The broker of {@code scripts/test.sh} ({@code KAFKA_DIR}), frozen with SIGSTOP and thawed with SIGCONT. */
    private record FrozenBroker(long pid) {
        static FrozenBroker fromEnvironment() throws Exception {
            String dir = System.getenv("KAFKA_DIR");
            assertThat(dir).as("KAFKA_DIR (run this test through scripts/test.sh, which starts a broker it may freeze)").isNotBlank();
            return new FrozenBroker(Long.parseLong(Files.readString(Path.of(dir, "kafka.pid")).trim()));
        }

        void stop() throws Exception {
            signal("STOP");
        }

        void resume() throws Exception {
            signal("CONT");
        }

        private void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name + " " + pid).isTrue();
        }
    }
}
