package org.queueanalytics.consumer.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.testsupport.AdminHttp;
import org.queueanalytics.testsupport.PrometheusScrape;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The consumer's admin API on a running service against the real Kafka and ClickHouse (issue 5):
 * {@code /metrics} series that move, reloads that change behaviour without a restart, a rejected
 * reload that keeps the old configuration working, 401 without the token, 409 on a concurrent reload.
 */
@ExtendWith(RealServersExtension.class)
class ConsumerAdminIT {
    private static final String TOKEN = "it-admin-token-7f3a";
    private static final int PARTITIONS = 3;
    private static final Instant BASE = Instant.parse("2025-03-03T00:00:00Z");

    private ConsumerService consumer;
    private KafkaProducer<byte[], byte[]> producer;

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Creates the topic, starts the consumer with its admin server; returns the admin client (with the token). */
    private AdminHttp start(RealServers servers, TestConfig cfg, Path file) throws Exception {
        createTopic(servers, cfg.topic());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        consumer = new ConsumerService(reloader, ConsumerMode.live()).start(true);
        return new AdminHttp(consumer.adminPort(), TOKEN);
    }

    /** Creates the topic and waits until every partition has a leader (producing earlier can fail on a fresh topic). */
    static void createTopic(RealServers servers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        }
    }

    private ConfigReloader reloaderOf(Path file) throws Exception {
        return ConfigReloader.load(file, new ConfigLoader(Map.of()));
    }

    /** Records {@code from … to-1}, each its own (queue, interval) key. */
    private void send(TestConfig cfg, int from, int to) {
        for (int i = from; i < to; i++) {
            Instant start = BASE.plus(Duration.ofMinutes(15L * (i / 20)));
            QueueIntervalRecord r = QueueIntervalRecord.builder().queueId("q-" + (i % 20)).queueName("Queue " + (i % 20))
                    .mediaType("voice").intervalStart(start).intervalEnd(start.plus(Duration.ofMinutes(15)))
                    .granularity("PT15M").fetchedAt(Instant.ofEpochMilli(1_000_000L + i)).offered(10).answered(8)
                    .abandoned(1).serviceLevelPct(80.0).overSla(1).slNumerator(8).slDenominator(10).slTarget(0.8)
                    .answerTimeMs(1000).waitTimeMs(2000).talkTimeMs(3000).acwTimeMs(500).handleTimeMs(3500)
                    .handleCount(8).build();
            producer.send(new ProducerRecord<>(cfg.topic(), r.queueId().getBytes(StandardCharsets.UTF_8), RecordJson.toBytes(r)));
        }
        producer.flush();
    }

    private void sendUnparseable(TestConfig cfg) {
        producer.send(new ProducerRecord<>(cfg.topic(), "bad".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    @Test
    void metricsExposeEveryConsumerSeriesAndTheirValuesMove(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).partitions(PARTITIONS).adminToken(TOKEN)
                .batch("{\"max_rows\":100,\"linger_ms\":200}");
        AdminHttp admin = start(servers, cfg, cfg.write(dir));

        send(cfg, 0, 250);
        sendUnparseable(cfg);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_records_consumed_total") == 251
                && admin.scrape().value("consumer_offset_commits_total") >= 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.scrape().samples("consumer_lag_records").size() == PARTITIONS);
        PrometheusScrape first = admin.scrape();

        send(cfg, 250, 500);
        sendUnparseable(cfg);
        // The unparseable record may land in a later batch than the last rows: wait for both.
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_rows_inserted_total") == 500
                && admin.scrape().value("consumer_dlq_records_total") == 2);
        PrometheusScrape second = admin.scrape();

        for (String moving : List.of("consumer_records_consumed_total", "consumer_rows_inserted_total", "consumer_dlq_records_total",
                "consumer_offset_commits_total", "consumer_batch_rows_count", "consumer_batch_rows_sum", "consumer_batch_bytes_sum",
                "consumer_insert_latency_seconds_count", "consumer_insert_latency_seconds_sum", "consumer_insert_sql_bytes_total",
                "consumer_insert_wire_bytes_total")) {
            assertThat(second.value(moving)).as(moving).isGreaterThan(first.value(moving));
        }
        assertThat(second.value("consumer_records_consumed_total")).isEqualTo(502);
        assertThat(second.value("consumer_dlq_records_total")).isEqualTo(2);
        assertThat(second.value("consumer_batch_rows_max")).isLessThanOrEqualTo(100);
        assertThat(second.value("consumer_compression_ratio")).as("lz4 compresses VALUES text").isGreaterThan(2.0);
        assertThat(second.find("consumer_insert_retries_total")).isPresent();
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(second.find("consumer_lag_records", "topic", cfg.topic(), "partition", Integer.toString(p)))
                    .as("lag of partition %d", p).isPresent();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.scrape().value("consumer_lag_records") == 0);
        assertThat(second.names()).as("the Kafka client's own metrics").anyMatch(n -> n.startsWith("kafka_consumer_"));
    }

    @Test
    void aReloadOfBatchMaxRowsChangesTheSizeOfTheNextBatchesWithoutARestart(RealServers servers, @TempDir Path dir) throws Exception {
        // linger of a minute: only full batches are written, so their size is exactly batch.max_rows
        TestConfig cfg = new TestConfig(servers).partitions(PARTITIONS).adminToken(TOKEN)
                .batch("{\"max_rows\":100,\"linger_ms\":60000}");
        Path file = cfg.write(dir);
        AdminHttp admin = start(servers, cfg, file);
        send(cfg, 0, 300);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_batch_rows_count") == 3);
        assertThat(admin.scrape().value("consumer_batch_rows_sum")).isEqualTo(300);

        cfg.batch("{\"max_rows\":25,\"linger_ms\":60000}").write(dir);
        AdminHttp.Answer reload = admin.post("/reload");
        assertThat(reload.status()).isEqualTo(200);
        JsonNode answer = RecordJson.mapper().readTree(reload.body());
        assertThat(answer.path("status").asText()).isEqualTo("reloaded");
        assertThat(answer.path("changed").toString()).isEqualTo("[\"batch.max_rows\"]");

        send(cfg, 300, 500);
        // batch sizes are recorded when a batch is committed, after its insert
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_batch_rows_sum") == 500);
        PrometheusScrape after = admin.scrape();
        assertThat(after.value("consumer_batch_rows_count") - 3).as("200 records in batches of 25").isEqualTo(8);
        ClickHouseClient ch = new ClickHouseClient(reloaderOf(file).current().clickhouse());
        assertThat(ch.query("SELECT count() FROM " + cfg.database() + "." + cfg.table() + " FINAL").trim()).isEqualTo("500");
    }

    @Test
    void aReloadOfTheTableNameCreatesTheNewTableAndWritesTheNextBatchesThere(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).partitions(PARTITIONS).adminToken(TOKEN)
                .batch("{\"max_rows\":50,\"linger_ms\":100}");
        Path file = cfg.write(dir);
        AdminHttp admin = start(servers, cfg, file);
        send(cfg, 0, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_batch_rows_sum") == 100);

        String moved = cfg.table() + "_moved";
        Files.writeString(file, Files.readString(file).replace("\"" + cfg.table() + "\"", "\"" + moved + "\""));
        AdminHttp.Answer reload = admin.post("/reload");
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.body()).contains("clickhouse.table_name");

        send(cfg, 100, 160);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_batch_rows_sum") == 160);
        ClickHouseClient ch = new ClickHouseClient(reloaderOf(file).current().clickhouse());
        assertThat(ch.query("SELECT count() FROM " + cfg.database() + "." + moved + " FINAL").trim()).isEqualTo("60");
        assertThat(ch.query("SELECT count() FROM " + cfg.database() + "." + cfg.table() + " FINAL").trim()).isEqualTo("100");
    }

    @Test
    void anInvalidReloadAnswers400WithEveryErrorAndTheOldConfigurationKeepsWorking(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = new TestConfig(servers).partitions(PARTITIONS).adminToken(TOKEN)
                .batch("{\"max_rows\":50,\"linger_ms\":60000}");
        Path file = cfg.write(dir);
        AdminHttp admin = start(servers, cfg, file);
        String valid = Files.readString(file);
        Files.writeString(file, valid.replace("\"max_rows\":50", "\"max_rows\":-5").replace("\"retry\":", "\"bogus_key\": 1, \"retry\":"));

        AdminHttp.Answer reload = admin.post("/reload");

        assertThat(reload.status()).isEqualTo(400);
        JsonNode errors = RecordJson.mapper().readTree(reload.body()).path("errors");
        assertThat(errors.size()).as(reload.body()).isEqualTo(2);
        assertThat(errors.toString()).contains("batch.max_rows").contains("bogus_key");
        // still running under the old configuration: batches of 50
        send(cfg, 0, 150);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.scrape().value("consumer_batch_rows_sum") == 150);
        assertThat(admin.scrape().value("consumer_batch_rows_count")).isEqualTo(3);
        assertThat(admin.get("/readyz").status()).isEqualTo(200);
    }

    @Test
    void withoutTheBearerTokenEveryEndpointButHealthzAnswers401(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).partitions(PARTITIONS).adminToken(TOKEN);
        AdminHttp admin = start(servers, cfg, cfg.write(dir));

        for (AdminHttp stranger : List.of(admin.withToken(null), admin.withToken("wrong-token"), admin.withToken(TOKEN + "x"))) {
            assertThat(stranger.get("/metrics").status()).isEqualTo(401);
            assertThat(stranger.get("/status").status()).isEqualTo(401);
            assertThat(stranger.get("/readyz").status()).isEqualTo(401);
            assertThat(stranger.post("/reload").status()).isEqualTo(401);
            assertThat(stranger.get("/healthz").status()).isEqualTo(200);
        }
        assertThat(admin.get("/status").status()).isEqualTo(200);
        assertThat(admin.get("/status").body()).doesNotContain(TOKEN);
    }

    @Test
    void aReloadWhileAnotherIsApplyingAnswers409(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).partitions(PARTITIONS).adminToken(TOKEN)
                .batch("{\"max_rows\":50,\"linger_ms\":200}");
        Path file = cfg.write(dir);
        createTopic(servers, cfg.topic());
        ConfigReloader reloader = reloaderOf(file);
        CountDownLatch applying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        reloader.addListener((previous, current, changed) -> {
            applying.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // a slow listener: the first reload is still applying
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer = new ConsumerService(reloader, ConsumerMode.live()).start(true);
        AdminHttp admin = new AdminHttp(consumer.adminPort(), TOKEN);
        cfg.batch("{\"max_rows\":60,\"linger_ms\":200}").write(dir);

        CompletableFuture<AdminHttp.Answer> first = CompletableFuture.supplyAsync(() -> admin.post("/reload"));
        assertThat(applying.await(30, TimeUnit.SECONDS)).isTrue();
        AdminHttp.Answer second = admin.post("/reload");
        release.countDown();

        assertThat(second.status()).isEqualTo(409);
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(reloader.current().batch().maxRows()).isEqualTo(60);
    }
}
