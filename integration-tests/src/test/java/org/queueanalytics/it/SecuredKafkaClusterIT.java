package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.queueanalytics.emulator.GenesysEmulator;
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
 * {@code min.insync.replicas} 2. The real producer jar (shard group, checkpoints and records over SASL_SSL,
 * fed by the emulator) and the producer's own publisher (in this JVM, for a controlled load) write; the real
 * consumer jar stores into the real ClickHouse; every count is checked through {@code FINAL}, and after the
 * broker kill {@code consumer audit} finds nothing missing or stale.
 */
@ExtendWith(RealServersExtension.class)
class SecuredKafkaClusterIT {
    private static final Duration AWAIT = Duration.ofSeconds(180);

    @Test
    void theProducerAndTheConsumerWorkOverSaslScramAndTlsWithReplicatedTopics(RealServers servers, @TempDir Path dir)
            throws Exception {
        SecuredKafkaCluster cluster = SecuredKafkaCluster.fromEnvironment();
        Instant frozenNow = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), 1_800_000L) * 1_800_000L);
        // the producer starts a day back: the emulator's traffic follows the hour and the weekday, and the last hour
        // of a weekend night can hold no contact at all
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(12).seed(5).ingestionDelay(false).rateLimitPerMinute(100_000)
                .clock(Clock.fixed(frozenNow, ZoneOffset.UTC)).build().start()) {
            int adminPort = freePort();
            TestConfig cfg = securedConfig(servers, cluster, cluster.password()).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT30M\",\"date_from\":\"" + frozenNow.minus(Duration.ofHours(24))
                            + "\",\"lookback_seconds\":3600,\"deep_lookback_seconds\":3600}")
                    .pollIntervalSeconds(2).adminPort(adminPort);
            PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
            ProducerTopics.ensureTopics(config.kafka());
            try (Admin admin = cluster.admin()) {
                TopicDescription topic = admin.describeTopics(List.of(cfg.topic())).allTopicNames().get(30, TimeUnit.SECONDS).get(cfg.topic());
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, cfg.topic());
                assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get("min.insync.replicas").value()).isEqualTo("2");
            }

            ServiceProcess consumer = ServiceProcess.start("consumer", "consumer", cfg.write(dir), dir.resolve("consumer.log"));
            ServiceProcess producer = null;
            try (KafkaRecordPublisher publisher = KafkaRecordPublisher.create(config.kafka(), "it-secured-publisher")) {
                publisher.publishAll(records(0, 300));
                AdminHttp http = new AdminHttp(adminPort, null);
                await().atMost(AWAIT).until(() -> finalCount(config, cfg) == 300);
                await().atMost(AWAIT).ignoreExceptions().until(() -> http.get("/readyz").status() == 200);
                String status = http.get("/status").body();
                assertThat(status).doesNotContain(cluster.password()).doesNotContain(cluster.truststorePassword());
                assertThat(RecordJson.mapper().readTree(status).path("dlq_records").asLong()).isZero();

                // the producer itself over SASL_SSL: its shard group, checkpoints and records all go through the secured cluster
                int producerPort = freePort();
                Path producerDir = Files.createDirectories(dir.resolve("producer"));
                producer = ServiceProcess.start("producer", "producer", cfg.adminPort(producerPort).write(producerDir),
                        producerDir.resolve("producer.log"));
                AdminHttp producerHttp = new AdminHttp(producerPort, null);
                await().atMost(AWAIT).ignoreExceptions().until(() -> {
                    JsonNode p = RecordJson.mapper().readTree(producerHttp.get("/status").body());
                    return p.path("shards").size() == 16 && p.path("checkpoints").size() == 16 && p.path("cycles_succeeded").asLong() >= 2;
                });
                assertThat(producerHttp.get("/readyz").status()).isEqualTo(200);
                producer.close();
                assertThat(producer.process().exitValue()).as("the producer stopped cleanly on SIGTERM").isIn(0, 143);
                int served = emulator.served().size();
                assertThat(served).as("buckets the producer fetched").isGreaterThan(0);
                await().atMost(AWAIT).until(() -> finalCount(config, cfg) == 300 + served);
            } finally {
                if (producer != null) {
                    producer.close();
                }
                consumer.close();
            }
            assertThat(consumer.output()).doesNotContain(cluster.password()).doesNotContain(cluster.truststorePassword());
            assertThat(producer.output()).doesNotContain(cluster.password()).doesNotContain(cluster.truststorePassword())
                    .contains("Producer shards assigned");
        }
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

        ServiceProcess consumer = ServiceProcess.start("consumer", "consumer", cfg.write(dir), dir.resolve("consumer.log"));
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
            await().atMost(AWAIT).ignoreExceptions().until(() -> ConsumerAudit.lagIsZero(http, 3));

            JsonNode audit = ConsumerAudit.complete(cfg.write(dir), dir);
            assertThat(audit.path("missing").asLong()).as("audit: missing").isZero();
            assertThat(audit.path("stale").asLong()).as("audit: stale").isZero();
            assertThat(audit.path("differs").asLong()).as("audit: differs").isZero();
            assertThat(audit.path("dead_lettered").asLong()).as("audit: dead-lettered").isZero();
            assertThat(audit.path("matched").asLong()).as("audit: every key").isEqualTo(expected);
            System.out.printf("broker %d killed under load: %d batches acknowledged, %d batch retries%n", victim, acked.get(), retries.get());
        } finally {
            load.interrupt();
            consumer.close();
        }
        assertThat(consumer.process().exitValue()).as("the consumer stopped cleanly on SIGTERM").isIn(0, 143);
    }

    @Test
    void aWrongSaslPasswordStopsTheConsumerNamingClientPropertiesWithoutShowingAnyPassword(RealServers servers, @TempDir Path dir)
            throws Exception {
        SecuredKafkaCluster cluster = SecuredKafkaCluster.fromEnvironment();
        String wrong = "wrong-" + cluster.password();
        TestConfig cfg = securedConfig(servers, cluster, wrong).adminPort(freePort());
        Path log = dir.resolve("consumer-wrong-password.log");

        ServiceProcess consumer = ServiceProcess.start("consumer", "consumer", cfg.write(dir), log);
        try {
            assertThat(consumer.process().waitFor(120, TimeUnit.SECONDS)).as("the consumer stops on a refused password").isTrue();
        } finally {
            consumer.close();
        }

        String output = consumer.output();
        assertThat(consumer.process().exitValue()).isEqualTo(1);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
