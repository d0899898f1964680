package org.queueanalytics.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.reload.ConfigReloader;

class AdminServerTest {
    private static final String CONFIG = """
            {"oauth":{"client_id":"id","client_secret":"TOPSECRET"},"poll_interval_seconds":%d,
             "admin":{"port":0,"token":"s3cret-token"}}
            """;
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private AdminServer server;

    @TempDir
    Path dir;

    private ConfigReloader startServer(int pollSeconds) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, CONFIG.formatted(pollSeconds));
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        server = new AdminServer(reloader.current().admin(), reloader, registry, () -> Readiness.notReady("ClickHouse down"),
                () -> Map.of("config", reloader.current().toString())).start();
        return reloader;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> call(String method, String path, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            b.header("Authorization", "Bearer s3cret-token");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzNeedsNoTokenButEveryOtherEndpointDoes() throws Exception {
        startServer(300);

        assertThat(call("GET", "/healthz", false).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/readyz", "/metrics", "/status"}) {
            assertThat(call("GET", path, false).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(call("POST", "/reload", false).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/status"))
                .header("Authorization", "Bearer s3cret-tokeX").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void readyzSaysWhyItIsNotReadyAndStatusRedactsSecrets() throws Exception {
        startServer(300);

        HttpResponse<String> ready = call("GET", "/readyz", true);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("ClickHouse down");
        HttpResponse<String> status = call("GET", "/status", true);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).doesNotContain("TOPSECRET", "s3cret-token");
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        startServer(300);
        Counter.builder("test_events").register(registry).increment(3);

        HttpResponse<String> metrics = call("GET", "/metrics", true);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("test_events_total 3.0");
    }

    @Test
    void reloadAppliesAValidFileAndNamesTheChangedKeys() throws Exception {
        ConfigReloader reloader = startServer(300);
        Files.writeString(dir.resolve("config.json"), CONFIG.formatted(60));

        HttpResponse<String> answer = call("POST", "/reload", true);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"reloaded\"", "poll_interval_seconds").doesNotContain("TOPSECRET");
        assertThat(reloader.current().pollInterval().toSeconds()).isEqualTo(60);
    }

    @Test
    void reloadRejectsAnInvalidFileListingEveryErrorAndKeepsTheOldConfig() throws Exception {
        ConfigReloader reloader = startServer(300);
        Files.writeString(dir.resolve("config.json"), """
                {"oauth":{"client_id":"id","client_secret":"TOPSECRET"},"poll_interval_seconds":0,"batch":{"max_rows":-1},
                 "admin":{"port":0,"token":"s3cret-token"}}""");

        HttpResponse<String> answer = call("POST", "/reload", true);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("poll_interval_seconds", "batch.max_rows").doesNotContain("TOPSECRET");
        assertThat(reloader.current().pollInterval().toSeconds()).isEqualTo(300);
    }

    @Test
    void aRejectedReloadMasksASecretOfTheRunningConfigurationPastedIntoAnotherKey() throws Exception {
        ConfigReloader reloader = startServer(300);
        Files.writeString(dir.resolve("config.json"), """
                {"oauth":{"client_id":"id","client_secret":"TOPSECRET"},"kafka":{"topic":"s3cret-token!"},
                 "admin":{"port":0,"token":"s3cret-token"}}""");

        HttpResponse<String> answer = call("POST", "/reload", true);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("kafka.topic", "****").doesNotContain("s3cret-token");
        assertThat(reloader.current().kafka().topic()).isEqualTo("genesys.queue-intervals");
    }

    @Test
    void aSecondReloadWhileOneIsApplyingGets409() throws Exception {
        ConfigReloader reloader = startServer(300);
        CountDownLatch applying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        reloader.addListener((previous, current, changed) -> {
            applying.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Files.writeString(dir.resolve("config.json"), CONFIG.formatted(120));

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return call("POST", "/reload", true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> second = call("POST", "/reload", true);
        release.countDown();

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
