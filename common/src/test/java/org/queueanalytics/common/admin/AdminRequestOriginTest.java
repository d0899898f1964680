package org.queueanalytics.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.reload.ConfigReloader;

/** Requests a browser could send on behalf of another site (foreign Host after DNS rebinding, foreign Origin) get 403. */
class AdminRequestOriginTest {
    private static final String CONFIG = """
            {"oauth":{"client_id":"id","client_secret":"s"},"poll_interval_seconds":%d,
             "admin":{"port":0,"allowed_hosts":["admin.example.com","proxy.example.com:9000"],
                      "allowed_origins":["https://grafana.example.com"]}}
            """;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private AdminServer server;
    private ConfigReloader reloader;

    @TempDir
    Path dir;

    private void start() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, CONFIG.formatted(300));
        reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        server = new AdminServer(reloader.current().admin(), reloader, registry, () -> Readiness.ok(),
                () -> Map.of("state", "running")).start();
        Files.writeString(file, CONFIG.formatted(60)); // a reload that got through would change poll_interval_seconds
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** One raw HTTP/1.1 request (java.net.http refuses to set Host); returns the status line's code and the body. */
    private Answer send(String method, String path, String host, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                request.append("Host: ").append(host).append("\r\n");
            }
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int code = Integer.parseInt(response.substring(9, 12));
            return new Answer(code, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    private record Answer(int status, String body) {
    }

    private String local() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void aForeignHostIsRefusedWith403ForEveryEndpointButTheLivenessProbe() throws Exception {
        start();

        for (String path : new String[] {"/status", "/readyz", "/metrics"}) {
            Answer answer = send("GET", path, "evil.example:" + server.port(), null);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.body()).contains("Host not allowed").contains("admin.allowed_hosts").doesNotContain("running");
        }
        assertThat(send("POST", "/reload", "evil.example:" + server.port(), null).status()).isEqualTo(403);
        assertThat(send("GET", "/healthz", "10.0.0.7:" + server.port(), null).status()).isEqualTo(200);
        assertThat(reloader.current().pollInterval().toSeconds()).isEqualTo(300);
    }

    @Test
    void theLoopbackNamesWithTheAdminPortAreAccepted() throws Exception {
        start();

        for (String host : new String[] {local(), "localhost:" + server.port(), "[::1]:" + server.port(), "LOCALHOST:" + server.port()}) {
            assertThat(send("GET", "/status", host, null).status()).as(host).isEqualTo(200);
        }
        assertThat(send("GET", "/status", "127.0.0.1:1", null).status()).as("another port").isEqualTo(403);
        assertThat(send("GET", "/status", "127.0.0.1", null).status()).as("no port").isEqualTo(403);
    }

    @Test
    void aCrossOriginPostToReloadIsRefusedAndTheConfigurationStays() throws Exception {
        start();

        Answer answer = send("POST", "/reload", local(), "https://evil.example");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("cross-origin request refused").contains("admin.allowed_origins");
        assertThat(send("POST", "/reload", local(), "null").status()).as("an opaque origin").isEqualTo(403);
        assertThat(reloader.current().pollInterval().toSeconds()).isEqualTo(300);
    }

    @Test
    void aSameOriginPostToReloadIsAccepted() throws Exception {
        start();

        Answer answer = send("POST", "/reload", local(), "http://" + local());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(reloader.current().pollInterval().toSeconds()).isEqualTo(60);
    }

    @Test
    void theAllowListsAdmitTheirHostsAndOrigins() throws Exception {
        start();

        assertThat(send("GET", "/status", "admin.example.com", null).status()).as("a name without port").isEqualTo(200);
        assertThat(send("GET", "/status", "admin.example.com:" + server.port(), null).status()).as("a name with the admin port").isEqualTo(200);
        assertThat(send("GET", "/status", "proxy.example.com:9000", null).status()).as("a name with its own port").isEqualTo(200);
        assertThat(send("GET", "/status", "proxy.example.com", null).status()).as("that name without its port").isEqualTo(403);
        assertThat(send("GET", "/status", local(), "https://grafana.example.com").status()).as("an allowed origin").isEqualTo(200);
        assertThat(send("POST", "/reload", local(), "https://GRAFANA.example.com").status()).as("an allowed origin, any case").isEqualTo(200);
    }

    @Test
    void aRequestWithoutHostIsRefused() throws Exception {
        start();

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /status HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("missing Host header");
        }
    }
}
