package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.it.compose.ComposeFile;
import org.queueanalytics.it.compose.ComposeService;
import org.queueanalytics.it.compose.Dockerfile;
import org.queueanalytics.it.compose.ServiceJar;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;

/**
 * docker compose's emulator, producer and consumer, run outside containers: each with exactly the
 * {@code command} and {@code environment} of its service (plus its image's ENV), where only what a
 * container would provide is mapped — the mounted config path to docker/config.json, the jar in
 * /app to the module's shaded jar, the service names to 127.0.0.1 (a hosts file for the JVM), the
 * kafka/clickhouse addresses and ClickHouse password to the test's servers, the emulator's port to
 * a free one. Each service's {@code healthcheck.test} then runs as written, and rows must arrive in
 * ClickHouse — interval rows and live-state snapshots. Producer and consumer both bind the admin port of docker/config.json (8080, one per
 * container), so here they run one after the other, in their depends_on order.
 */
@ExtendWith(RealServersExtension.class)
class ComposeSmokeIT {
    private static final Path ROOT = DockerComposeTest.ROOT;
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
    private static final String TOPIC = "genesys.queue-intervals";
    /** docker/config.json turns the live queue state on with its default topic and table. */
    private static final String OBSERVATIONS_TOPIC = "genesys.queue-observations";
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : started) {
            stop(process);
        }
    }

    @Test
    void theComposeCommandsOfEmulatorProducerAndConsumerRunHealthyAndRowsArriveInClickHouse(RealServers servers, @TempDir Path dir) throws Exception {
        long since = System.currentTimeMillis();
        int emulatorPort = freePort();
        ComposeFile compose = ComposeFile.load(ROOT, Map.of("GENESYS_API_BASE_URL", "http://api.genesys-emulator:" + emulatorPort));
        Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("docker/Dockerfile"));
        Path hosts = dir.resolve("hosts");
        List<String> names = new ArrayList<>(List.of("localhost", "kafka", "clickhouse", InetAddress.getLocalHost().getHostName()));
        names.addAll(compose.service("emulator").networkAliases());
        Files.writeString(hosts, "127.0.0.1 " + String.join(" ", names) + "\n");
        String clickhouse = servers.clickHouseUrl().toString().replaceAll("/$", "");
        UnaryOperator<String> addresses = text -> text
                .replace("kafka:9092", servers.kafkaBootstrapServers())
                .replace("http://clickhouse:8123", clickhouse);

        ComposeService emulator = compose.service("emulator");
        UnaryOperator<String> emulatorPorts = text -> text.replace("/8089", "/" + emulatorPort);
        startService(emulator, dockerfile, hosts, dir, arg -> arg.equals("8089") ? Integer.toString(emulatorPort) : arg, Map.of());
        awaitHealthy(emulator, emulatorPorts, dir);

        Map<String, String> clickhouseCredentials = Map.of("CLICKHOUSE_PASSWORD", servers.clickHousePassword());
        assertThat(freeToBind(8080)).as("port 8080 (admin.port of docker/config.json) must be free for this test").isTrue();
        ComposeService producer = compose.service("producer");
        long recordsBefore = recordsInTopic(servers, TOPIC);
        long observationsBefore = recordsInTopic(servers, OBSERVATIONS_TOPIC);
        Process producerProcess = startService(producer, dockerfile, hosts, dir, addresses, clickhouseCredentials);
        awaitHealthy(producer, UnaryOperator.identity(), dir);
        await("the producer's first cycle reaches Kafka").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> recordsInTopic(servers, TOPIC) > recordsBefore);
        await("the producer's first live-state snapshot reaches Kafka").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> recordsInTopic(servers, OBSERVATIONS_TOPIC) > observationsBefore);
        stop(producerProcess);

        ComposeService consumer = compose.service("consumer");
        startService(consumer, dockerfile, hosts, dir, addresses, clickhouseCredentials);
        awaitHealthy(consumer, UnaryOperator.identity(), dir);
        await("rows fetched by this run arrive in ClickHouse").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(count(servers, "SELECT count() FROM analytics.queue_analytics WHERE fetched_at >= " + since))
                        .as("consumer log:%n%s", log(dir, "consumer")).isPositive());
        await("live-state snapshots of this run arrive in ClickHouse").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(count(servers, "SELECT count() FROM analytics.queue_observations WHERE observed_at_ms >= " + since))
                        .as("consumer log:%n%s", log(dir, "consumer")).isPositive());
    }

    private Process startService(ComposeService service, Dockerfile dockerfile, Path hosts, Path dir,
                                 UnaryOperator<String> map, Map<String, String> credentials) throws IOException {
        ServiceJar jar = ServiceJar.of(service, dockerfile);
        assertThat(jar.repositoryPath()).as("%s: built by `package` of module %s", service.name(), jar.module()).exists();
        Map<String, String> mountedConfigs = new LinkedHashMap<>();
        service.bindMounts().forEach((host, container) -> mountedConfigs.put(container, host.toString()));

        List<String> argv = new ArrayList<>();
        for (String arg : service.command()) {
            String mapped = arg.equals(jar.containerPath()) ? jar.repositoryPath().toString() : mountedConfigs.getOrDefault(arg, map.apply(arg));
            argv.add(mapped);
        }
        argv.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());

        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve(service.name() + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
        String target = service.build().orElseThrow().get("target").toString();
        env.putAll(dockerfile.env(dockerfile.stage(target).orElseThrow()));
        env.merge("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts, (a, b) -> a + " " + b);
        service.environment().forEach((k, v) -> env.put(k, mountedConfigs.getOrDefault(v, map.apply(v))));
        env.putAll(credentials);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** The service's healthcheck.test as written (ports mapped where the test moved them) until it exits 0. */
    private static void awaitHealthy(ComposeService service, UnaryOperator<String> ports, Path dir) {
        List<String> argv = service.healthcheckArgv().stream().map(ports).toList();
        await(service.name() + " healthy: " + argv).atMost(HEALTHY_WITHIN).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Process check = new ProcessBuilder(argv).redirectErrorStream(true).start();
                    boolean done = check.waitFor(10, TimeUnit.SECONDS);
                    if (!done) {
                        check.destroyForcibly();
                    }
                    assertThat(done && check.exitValue() == 0).as("%s: %s exits 0; service log:%n%s", service.name(), argv, log(dir, service.name())).isTrue();
                });
    }

    private static String log(Path dir, String service) throws IOException {
        Path file = dir.resolve(service + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static long count(RealServers servers, String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(servers.clickHouseUrl().toString().replaceAll("/$", "")
                        + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .header("X-ClickHouse-User", servers.clickHouseUsername())
                .header("X-ClickHouse-Key", servers.clickHousePassword())
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0; // the table does not exist yet
        }
        return Long.parseLong(response.body().trim());
    }

    /** Records in docker/config.json's topic (the default one): the sum of its partitions' end offsets. */
    private static long recordsInTopic(RealServers servers, String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    private static boolean freeToBind(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
