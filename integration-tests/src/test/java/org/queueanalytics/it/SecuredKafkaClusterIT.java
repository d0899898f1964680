package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.producer.publish.KafkaRecordPublisher;
import org.queueanalytics.producer.publish.ProducerTopics;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.testsupport.AdminHttp;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The pipeline against a production-like Kafka: three brokers (scripts/kafka-cluster.sh), SASL/SCRAM-SHA-512
 * over TLS given through {@code kafka.client_properties}, topics with replication factor 3 and
 * {@code min.insync.replicas} 2. The records are published by the producer's own publisher (in this JVM) and
 * consumed by the real consumer jar into the real ClickHouse; every count is checked through {@code FINAL}.
 */
@ExtendWith(RealServersExtension.class)
class SecuredKafkaClusterIT {
    private static final Duration AWAIT = Duration.ofSeconds(180);

    @Test
    void theProducerAndTheConsumerWorkOverSaslScramAndTlsWithReplicatedTopics(RealServers servers, @TempDir Path dir)
            throws Exception {
        SecuredKafkaCluster cluster = SecuredKafkaCluster.fromEnvironment();
        int adminPort = freePort();
        TestConfig cfg = securedConfig(servers, cluster, cluster.password()).adminPort(adminPort);
        PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
        ProducerTopics.ensureTopics(config.kafka());
        try (Admin admin = cluster.admin()) {
            TopicDescription topic = admin.describeTopics(List.of(cfg.topic())).allTopicNames().get(30, TimeUnit.SECONDS).get(cfg.topic());
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, cfg.topic());
            assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("min.insync.replicas").value()).isEqualTo("2");
        }

        Path log = dir.resolve("consumer.log");
        Process consumer = launch(cfg.write(dir), log);
        try (KafkaRecordPublisher publisher = KafkaRecordPublisher.create(config.kafka(), "it-secured-publisher")) {
            publisher.publishAll(records(0, 300));
            AdminHttp http = new AdminHttp(adminPort, null);
            await().atMost(AWAIT).until(() -> finalCount(config, cfg) == 300);
            await().atMost(AWAIT).ignoreExceptions().until(() -> http.get("/readyz").status() == 200);
            String status = http.get("/status").body();
            assertThat(status).doesNotContain(cluster.password()).doesNotContain(cluster.truststorePassword());
            assertThat(RecordJson.mapper().readTree(status).path("dlq_records").asLong()).isZero();
        } finally {
            stop(consumer);
        }
        assertThat(Files.readString(log)).doesNotContain(cluster.password()).doesNotContain(cluster.truststorePassword());
    }

    @Test
    void aBrokerKilledUnderLoadLosesAndDuplicatesNothingWithReplicationThreeAndMinInsyncTwo(RealServers servers, @TempDir Path dir)
            throws Exception {
        SecuredKafkaCluster cluster = SecuredKafkaCluster.fromEnvironment();
        int adminPort = freePort();
        TestConfig cfg = securedConfig(servers, cluster, cluster.password()).adminPort(adminPort);
        PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
        ProducerTopics.ensureTopics(config.kafka());
        int batches = 60;
        int batchSize = 100;
        int victim;
        try (Admin admin = cluster.admin()) {
            // the leader of partition 0: killing it forces a leader election under the running clients
            victim = admin.describeTopics(List.of(cfg.topic())).allTopicNames().get(30, TimeUnit.SECONDS).get(cfg.topic())
                    .partitions().get(0).leader().id();
        }

        Path log = dir.resolve("consumer.log");
        Process consumer = launch(cfg.write(dir), log);
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread load = new Thread(() -> publish(config, batches, batchSize, acked, retries, failure), "it-load");
        try {
            load.start();
            await().atMost(AWAIT).until(() -> acked.get() >= 10 && finalCount(config, cfg) > 0);
            long rowsBeforeKill = finalCount(config, cfg);
            cluster.kill(victim);
            try {
                await().atMost(AWAIT).until(() -> acked.get() >= 30 || failure.get() != null);
                assertThat(failure.get()).as("the producer carries on with one broker down").isNull();
                await().atMost(AWAIT).until(() -> finalCount(config, cfg) > rowsBeforeKill);
            } finally {
                cluster.start(victim);
            }
            load.join(AWAIT.toMillis());
            assertThat(failure.get()).as("publishing failed for good").isNull();
            assertThat(acked.get()).isEqualTo(batches);

            int expected = batches * batchSize;
            await().atMost(AWAIT).until(() -> finalCount(config, cfg) == expected);
            ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
            String table = cfg.database() + "." + cfg.table();
            assertThat(ch.query("SELECT uniqExact(queue_id, interval_start) FROM " + table + " FINAL").trim())
                    .isEqualTo(Integer.toString(expected));
            assertThat(ch.query("SELECT sum(offered) FROM " + table + " FINAL").trim()).isEqualTo(Long.toString(10L * expected));
            AdminHttp http = new AdminHttp(adminPort, null);
            await().atMost(AWAIT).ignoreExceptions().until(() -> http.get("/readyz").status() == 200);
            JsonNode status = RecordJson.mapper().readTree(http.get("/status").body());
            assertThat(status.path("dlq_records").asLong()).as("nothing dead-lettered").isZero();
            System.out.printf("broker %d killed under load: %d batches acknowledged, %d batch retries%n", victim, acked.get(), retries.get());
        } finally {
            load.interrupt();
            stop(consumer);
        }
        assertThat(consumer.exitValue()).as("the consumer stopped cleanly on SIGTERM").isIn(0, 143);
    }

    @Test
    void aWrongSaslPasswordStopsTheConsumerNamingClientPropertiesWithoutShowingAnyPassword(RealServers servers, @TempDir Path dir)
            throws Exception {
        SecuredKafkaCluster cluster = SecuredKafkaCluster.fromEnvironment();
        String wrong = "wrong-" + cluster.password();
        TestConfig cfg = securedConfig(servers, cluster, wrong).adminPort(freePort());
        Path log = dir.resolve("consumer-wrong-password.log");

        Process consumer = launch(cfg.write(dir), log);
        try {
            assertThat(consumer.waitFor(120, TimeUnit.SECONDS)).as("the consumer stops on a refused password").isTrue();
        } finally {
            stop(consumer);
        }

        String output = Files.readString(log);
        assertThat(consumer.exitValue()).isEqualTo(1);
        assertThat(output).contains("SaslAuthenticationException").contains("kafka.client_properties").contains("sasl.jaas.config");
        assertThat(output).doesNotContain(wrong).doesNotContain(cluster.password()).doesNotContain(cluster.truststorePassword());
    }

    private static TestConfig securedConfig(RealServers servers, SecuredKafkaCluster cluster, String password) {
        return new TestConfig(servers).kafkaBootstrapServers(cluster.bootstrapSaslSsl()).kafkaExtra(cluster.kafkaMembers(password))
                .batch("{\"max_rows\":500,\"linger_ms\":200}")
                .retry("{\"max_retries\":5,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
    }

    /** Publishes the batches in order, each until acknowledged (a failed batch is sent again, as the producer does). */
    private static void publish(PipelineConfig config, int batches, int size, AtomicInteger acked, AtomicInteger retries,
            AtomicReference<Throwable> failure) {
        try (KafkaRecordPublisher publisher = KafkaRecordPublisher.create(config.kafka(), "it-load-publisher")) {
            for (int b = 0; b < batches; b++) {
                List<QueueIntervalRecord> batch = records(b * size, (b + 1) * size);
                for (int attempt = 1; ; attempt++) {
                    try {
                        publisher.publishAll(batch);
                        break;
                    } catch (PublishException e) {
                        if (attempt == 5) {
                            throw e;
                        }
                        retries.incrementAndGet();
                    }
                }
                acked.incrementAndGet();
                Thread.sleep(50); // a steady stream, not one burst
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | AssertionError e) {
            failure.set(e);
        }
    }

    /** Records {@code from} (inclusive) to {@code to}: 50 queues, one 15-minute interval each per 50 records, offered 10. */
    private static List<QueueIntervalRecord> records(int from, int to) {
        Instant base = Instant.parse("2025-03-03T00:00:00Z");
        List<QueueIntervalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Instant start = base.plus(Duration.ofMinutes(15L * (i / 50)));
            out.add(QueueIntervalRecord.builder().queueId("q-" + (i % 50)).queueName("Queue " + (i % 50)).mediaType("voice")
                    .intervalStart(start).intervalEnd(start.plus(Duration.ofMinutes(15))).granularity("PT15M")
                    .fetchedAt(Instant.ofEpochMilli(1_000_000L + i)).offered(10).answered(8).abandoned(1)
                    .serviceLevelPct(80.0).overSla(1).slNumerator(8).slDenominator(10).slTarget(0.8)
                    .answerTimeMs(1000).waitTimeMs(2000).talkTimeMs(3000).acwTimeMs(500).handleTimeMs(3500)
                    .handleCount(8).build());
        }
        return out;
    }

    private static long finalCount(PipelineConfig config, TestConfig cfg) {
        try {
            return Long.parseLong(new ClickHouseClient(config.clickhouse())
                    .query("SELECT count() FROM " + cfg.database() + "." + cfg.table() + " FINAL").trim());
        } catch (Exception e) {
            return -1; // the table does not exist before the consumer created it
        }
    }

    private static Process launch(Path config, Path log) throws IOException {
        Path jar = Path.of("..", "consumer", "target", "consumer.jar");
        assertThat(jar).as("the shaded consumer jar (built in its package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (String override : List.of("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "KAFKA_BOOTSTRAP_SERVERS", "CLICKHOUSE_URL",
                "CLICKHOUSE_PASSWORD", "ADMIN_TOKEN", "CONFIG_FILE", "JAVA_TOOL_OPTIONS")) {
            pb.environment().remove(override); // the file is the whole configuration
        }
        return pb.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
