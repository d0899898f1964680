package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A service that cannot start says which part failed and what to change. The admin-port case runs
 * {@link ProducerMain} in this JVM, like {@link ProducerMainTest}; the Kafka cases run it as a
 * process with an empty environment, so that a {@code KAFKA_BOOTSTRAP_SERVERS} exported for the
 * integration tests cannot replace the unresolvable address under test.
 */
class ProducerStartFailureTest {
    private static final String SECRET = "s3cr3t-start-value";

    @TempDir
    Path dir;

    @Test
    void anAdminPortInUseStopsTheServiceWithExitOneNamingAdminPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = config("127.0.0.1:1", taken.getLocalPort());
            StringWriter err = new StringWriter();
            CommandLine cli = ProducerMain.commandLine();
            cli.setErr(new PrintWriter(err, true));

            int status = cli.execute("--config", config.toString(), "--shard", "0/1");

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("producer: admin server: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("admin.port").doesNotContain(SECRET);
        }
    }

    @Test
    void aKafkaAddressThatDoesNotResolveStopsTheServiceWithExitOneNamingKafkaBootstrapServers() throws Exception {
        Path config = config("no-such-broker.invalid:9092", 0);

        Result result = runProducer("--config", config.toString(), "--shard", "0/1");

        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("producer: Kafka client: cannot create a client for "
                        + "kafka.bootstrap_servers=no-such-broker.invalid:9092")
                .contains("check kafka.bootstrap_servers").doesNotContain("unexpected").doesNotContain(SECRET);
    }

    @Test
    void aBackfillWhoseKafkaAddressDoesNotResolveExitsOneNamingKafkaBootstrapServers() throws Exception {
        Path config = config("no-such-broker.invalid:9092", 0);

        Result result = runProducer("backfill", "--config", config.toString(), "--from", "2025-01-01", "--to", "2025-01-02");

        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("producer backfill: Kafka client: cannot create a client for "
                        + "kafka.bootstrap_servers=no-such-broker.invalid:9092")
                .contains("check kafka.bootstrap_servers").doesNotContain("unexpected").doesNotContain(SECRET);
    }

    private Path config(String bootstrap, int adminPort) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"oauth":{"base_url":"http://127.0.0.1:1","login_url":"http://127.0.0.1:1","client_id":"id","client_secret":"%s"},
                 "kafka":{"bootstrap_servers":"%s"},
                 "admin":{"port":%d}}
                """.formatted(SECRET, bootstrap, adminPort));
        return file;
    }

    private record Result(int status, String output) {
    }

    /** {@code java ProducerMain ARGS} on this test's class path, with an empty environment; bounded. */
    private Result runProducer(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProducerMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("producer.out").toFile());
        builder.environment().clear();
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the producer did not exit within 90 s: "
                    + Files.readString(dir.resolve("producer.out"), StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("producer.out"), StandardCharsets.UTF_8));
    }
}
