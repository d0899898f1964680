package org.queueanalytics.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.reload.ConfigReloader;

/** {@code /healthz} follows the service's loop: 200 while it runs, 503 once it ended. */
class AdminHealthzTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Liveness> liveness = new AtomicReference<>(Liveness.alive("polling"));
    private AdminServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> healthz() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswers200WhileTheLoopRunsAnd503WithTheReasonOnceItEnded() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"oauth\":{\"client_id\":\"id\",\"client_secret\":\"s\"},\"admin\":{\"port\":0}}");
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        server = new AdminServer(reloader.current().admin(), reloader, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> Readiness.notReady("Kafka unavailable"), Map::of, liveness::get).start();

        assertThat(healthz().statusCode()).as("alive though not ready").isEqualTo(200);

        liveness.set(Liveness.notRunning("the ingest loop failed: java.lang.OutOfMemoryError"));
        HttpResponse<String> dead = healthz();
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(dead.body()).contains("not running").contains("OutOfMemoryError");
    }
}
