package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.testsupport.AdminHttp;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The real consumer jar against a real Kafka and ClickHouse: a file-mounted ClickHouse password
 * with its trailing newline stops it at start-up (exit 2, naming the variable) without its text
 * in any output; and a running service refuses a browser's cross-origin {@code POST /reload} and a
 * rebound {@code Host}, keeping its configuration.
 */
@ExtendWith(RealServersExtension.class)
class SecretSourcesAndAdminOriginIT {
    private final String password = "ch-password-" + UUID.randomUUID();

    @Test
    void aClickHousePasswordWithATrailingNewlineStopsTheConsumerWithExit2NamingTheVariableAndNeverShowingIt(
            RealServers servers, @TempDir Path dir) throws Exception {
        Path config = new TestConfig(servers).adminPort(0).write(dir);
        Path stdout = dir.resolve("consumer.out");
        Path stderr = dir.resolve("consumer.err");

        Process consumer = launch(config, Map.of("CLICKHOUSE_PASSWORD", password + "\n"), stdout, stderr);

        assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).as("the consumer stops at start-up").isTrue();
        assertThat(consumer.exitValue()).isEqualTo(2);
        String errors = Files.readString(stderr);
        assertThat(errors).contains("CLICKHOUSE_PASSWORD", "clickhouse.password", "control character");
        for (Path output : List.of(stdout, stderr)) {
            String text = Files.readString(output);
            assertThat(text).as(output.getFileName().toString()).doesNotContain(password).doesNotContain(password.substring(0, 20));
        }
    }

    @Test
    void aRunningServiceRefusesACrossOriginReloadAndAReboundHostAndKeepsItsConfiguration(
            RealServers servers, @TempDir Path dir) throws Exception {
        int port = freePort();
        TestConfig cfg = new TestConfig(servers).adminPort(port).batch("{\"max_rows\":100}");
        Path config = cfg.write(dir);
        Process consumer = launch(config, Map.of(), dir.resolve("consumer.out"), dir.resolve("consumer.err"));
        try {
            AdminHttp admin = new AdminHttp(port, null);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.get("/status").status() == 200);
            cfg.batch("{\"max_rows\":200}").write(dir);

            HttpResponse<String> crossOrigin = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reload"))
                            .header("Origin", "https://attacker.example").POST(HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(crossOrigin.statusCode()).isEqualTo(403);
            assertThat(crossOrigin.body()).contains("admin.allowed_origins");
            assertThat(rawGet(port, "/status", "attacker.example:" + port)).as("a rebound Host").startsWith("HTTP/1.1 403");

            // the refused reload changed nothing: the first accepted one still finds batch.max_rows changed
            AdminHttp.Answer reload = admin.post("/reload");
            assertThat(reload.status()).isEqualTo(200);
            assertThat(reload.body()).contains("batch.max_rows");
        } finally {
            consumer.destroy();
            if (!consumer.waitFor(60, TimeUnit.SECONDS)) {
                consumer.destroyForcibly();
            }
        }
    }

    private static Process launch(Path config, Map<String, String> env, Path stdout, Path stderr) throws IOException {
        Path jar = Path.of("..", "consumer", "target", "consumer.jar");
        assertThat(jar).as("the shaded consumer jar (built in its package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--config", config.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        for (String override : List.of("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "KAFKA_BOOTSTRAP_SERVERS", "CLICKHOUSE_URL",
                "CLICKHOUSE_PASSWORD", "ADMIN_TOKEN", "CONFIG_FILE", "JAVA_TOOL_OPTIONS")) {
            pb.environment().remove(override); // the file (and env) is the whole configuration
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    /** java.net.http will not send a Host of our choosing; a browser after DNS rebinding does. */
    private static String rawGet(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
