package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.testsupport.AdminHttp;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Runs the real producer and consumer jars with {@code LOG_FORMAT=json} and secrets in their
 * configuration, drives them through normal work and through the failure paths that tend to leak
 * (refused credentials, a revoked token, a rejected reload, a ClickHouse password that is refused),
 * then checks that every log line is one JSON object and that no secret appears anywhere in the
 * output — neither verbatim nor as the HTTP Basic credentials sent to the login host.
 */
@ExtendWith(RealServersExtension.class)
class NoSecretsInLogsIT {
    private final String clientSecret = "client-secret-" + UUID.randomUUID();
    private final String adminToken = "admin-token-" + UUID.randomUUID();
    private final String clickhousePassword = "ch-password-" + UUID.randomUUID();

    @Test
    void theProducerLogsJsonLinesWithoutItsClientSecretOrAdminToken(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(20).clientCredentials("it-client", clientSecret).build().start()) {
            int port = freePort();
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).adminToken(adminToken).adminPort(port)
                    .analytics("{\"interval\":\"PT30M\",\"lookback_seconds\":7200,\"deep_lookback_seconds\":7200}").pollIntervalSeconds(1);
            Path config = writeWithCredentials(cfg, dir, "it-client", clientSecret);
            Path log = dir.resolve("producer.log");
            Process producer = launch("producer", config, log);
            try {
                AdminHttp admin = new AdminHttp(port, adminToken);
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> status(admin).path("records_published").asLong() > 0);
                emulator.revokeTokens();   // 401 → a new token
                emulator.failNext(1, 503); // a retried failure
                await().atMost(Duration.ofSeconds(60)).until(() -> emulator.tokensIssued() >= 2);
                assertThat(admin.withToken("wrong").get("/status").status()).isEqualTo(401);
                Files.writeString(config, Files.readString(config).replace("\"poll_interval_seconds\": 1", "\"poll_interval_seconds\": 0"));
                assertThat(admin.post("/reload").status()).isEqualTo(400);
                assertThat(admin.get("/status").body()).doesNotContain(clientSecret).doesNotContain(adminToken);
                assertThat(admin.scrape().find("producer_api_requests_total", "status", "401")).as("the jar wires the metrics").isPresent();
            } finally {
                stop(producer);
            }

            // refused credentials: the error path that names the client
            Path wrong = writeWithCredentials(cfg.adminPort(0), dir, "it-client", clientSecret + "-wrong");
            Path failedLog = dir.resolve("producer-refused.log");
            Process refused = launch("producer", wrong, failedLog);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).as("the producer stops on refused credentials").isTrue();
            assertThat(refused.exitValue()).isEqualTo(1);

            assertNoSecret(log, "it-client");
            assertNoSecret(failedLog, "it-client");
            assertJsonLines(log);
            assertThat(Files.readString(failedLog)).contains("refused the client credentials");
        }
    }

    @Test
    void theConsumerLogsJsonLinesWithoutItsClickHousePasswordOrAdminToken(RealServers servers, @TempDir Path dir) throws Exception {
        int port = freePort();
        TestConfig cfg = new TestConfig(servers).adminToken(adminToken).adminPort(port).batch("{\"max_rows\":100,\"linger_ms\":100}")
                .retry("{\"max_retries\":1,\"base_delay_seconds\":1,\"max_delay_seconds\":1}");
        Path config = cfg.write(dir);
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()));
             KafkaProducer<byte[], byte[]> records = producer(servers)) {
            kafka.createTopics(List.of(new NewTopic(cfg.topic(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // producing to a partition before its leader is known can fail on a fresh topic
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> kafka.describeTopics(List.of(cfg.topic()))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get(cfg.topic()).partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            Path log = dir.resolve("consumer.log");
            Process consumer = launch("consumer", config, log);
            try {
                AdminHttp admin = new AdminHttp(port, adminToken);
                send(records, cfg, 0, 50);
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> status(admin).path("rows_inserted").asLong() == 50);

                assertThat(admin.get("/status").body()).doesNotContain(clickhousePassword).doesNotContain(adminToken);

                // a reload with a password ClickHouse refuses: the error policy's "halt" — logged once, exit 1
                cfg.clickhousePassword(clickhousePassword).write(dir);
                assertThat(admin.post("/reload").status()).isEqualTo(200);
                send(records, cfg, 50, 60);
                assertThat(consumer.waitFor(90, TimeUnit.SECONDS)).as("the consumer stops on a refused password").isTrue();
                assertThat(consumer.exitValue()).isEqualTo(1);
            } finally {
                stop(consumer);
            }
            assertThat(Files.readString(log)).as("the refused insert was logged").contains("ClickHouse").contains("exiting with status 1");
            assertNoSecret(log, null);
            assertJsonLines(log);
        }
    }

    private Path writeWithCredentials(TestConfig cfg, Path dir, String clientId, String secret) throws IOException {
        Path file = cfg.write(dir);
        Files.writeString(file, Files.readString(file).replace("\"demo-client\"", "\"" + clientId + "\"")
                .replace("\"demo-secret\"", "\"" + secret + "\""));
        return file;
    }

    private static Process launch(String service, Path config, Path log) throws IOException {
        Path jar = Path.of("..", service, "target", service + ".jar");
        assertThat(jar).as("the shaded %s jar (built in its package phase)", service).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("LOG_FORMAT", "json");
        for (String override : List.of("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "KAFKA_BOOTSTRAP_SERVERS", "CLICKHOUSE_URL",
                "CLICKHOUSE_PASSWORD", "ADMIN_TOKEN", "CONFIG_FILE", "JAVA_TOOL_OPTIONS")) {
            pb.environment().remove(override); // the file is the whole configuration
        }
        return pb.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: the shutdown hook runs
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode status(AdminHttp admin) throws IOException {
        AdminHttp.Answer answer = admin.get("/status");
        assertThat(answer.status()).isEqualTo(200);
        return RecordJson.mapper().readTree(answer.body());
    }

    private static KafkaProducer<byte[], byte[]> producer(RealServers servers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, TestConfig cfg, int from, int to) {
        Instant base = Instant.parse("2025-03-03T00:00:00Z");
        for (int i = from; i < to; i++) {
            Instant start = base.plus(Duration.ofMinutes(15L * i));
            QueueIntervalRecord r = QueueIntervalRecord.builder().queueId("q-1").queueName("Queue 1").mediaType("voice")
                    .intervalStart(start).intervalEnd(start.plus(Duration.ofMinutes(15))).granularity("PT15M")
                    .fetchedAt(Instant.ofEpochMilli(1_000_000L + i)).offered(10).answered(8).abandoned(1)
                    .serviceLevelPct(80.0).overSla(1).slNumerator(8).slDenominator(10).slTarget(0.8)
                    .answerTimeMs(1000).waitTimeMs(2000).talkTimeMs(3000).acwTimeMs(500).handleTimeMs(3500)
                    .handleCount(8).build();
            producer.send(new ProducerRecord<>(cfg.topic(), r.queueId().getBytes(StandardCharsets.UTF_8), RecordJson.toBytes(r)));
        }
        producer.flush();
    }

    private void assertNoSecret(Path log, String clientId) throws IOException {
        String text = Files.readString(log);
        List<String> forbidden = new ArrayList<>(List.of(clientSecret, adminToken, clickhousePassword));
        if (clientId != null) {
            for (String secret : List.of(clientSecret, clientSecret + "-wrong")) {
                forbidden.add(Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String secret : forbidden) {
            assertThat(text).as("%s must not appear in %s", secret, log.getFileName()).doesNotContain(secret);
        }
        assertThat(text).as("output of %s", log.getFileName()).isNotBlank();
    }

    /** Every line is one JSON log event (LOG_FORMAT=json), with the fields a log shipper needs. */
    private static void assertJsonLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = logEvent(line, log);
            assertThat(event.has("timestamp") && event.has("level") && event.has("loggerName") && event.has("formattedMessage"))
                    .as("a log event: %s", line).isTrue();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Parses one log line, failing with the line when it is not a JSON object. */
    private static JsonNode logEvent(String line, Path log) {
        try {
            JsonNode node = RecordJson.mapper().readTree(line);
            assertThat(node.isObject()).as("%s: not a JSON object: %s", log.getFileName(), line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError(log.getFileName() + ": not a JSON line: " + line, e);
        }
    }
}
