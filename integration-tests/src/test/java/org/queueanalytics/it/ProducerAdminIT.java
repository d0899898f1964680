package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.admin.AdminServer;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.producer.ProducerFailure;
import org.queueanalytics.producer.ProducerMetrics;
import org.queueanalytics.producer.ProducerRunner;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.testsupport.AdminHttp;
import org.queueanalytics.testsupport.PrometheusScrape;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The producer's admin API on a running service (emulator → producer → real Kafka), wired as
 * {@code ProducerMain} wires it: {@code /metrics} series that move, a reload of
 * {@code poll_interval_seconds} that speeds the cycles up without a restart, a rejected reload that
 * keeps the old configuration polling, and 401 without the token.
 */
@ExtendWith(RealServersExtension.class)
class ProducerAdminIT {
    private static final String TOKEN = "it-producer-admin-token-19c2";
    private static final String AGGREGATES = "POST /api/v2/analytics/conversations/aggregates/query";

    private GenesysEmulator emulator;
    private ProducerRunner runner;
    private AdminServer adminServer;
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (runner != null) {
            runner.close();
            loop.join(Duration.ofSeconds(30).toMillis());
        }
        if (adminServer != null) {
            adminServer.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private TestConfig config(RealServers servers, int pollIntervalSeconds) {
        emulator = GenesysEmulator.builder().queues(20).build().start();
        return new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).adminToken(TOKEN)
                // a day back: the emulator's traffic follows hour and weekday, and two hours of a weekend night can be empty
                .analytics("{\"interval\":\"PT30M\",\"lookback_seconds\":86400,\"deep_lookback_seconds\":86400}")
                .pollIntervalSeconds(pollIntervalSeconds);
    }

    /** The service as ProducerMain runs it: runner + metrics + admin server, the poll loop on its own thread. */
    private AdminHttp start(Path file) throws Exception {
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runner = new ProducerRunner(reloader, Clock.systemUTC(), Shard.ALL, new ProducerMetrics(registry));
        runner.bindMetrics(registry);
        adminServer = new AdminServer(reloader.current().admin(), reloader, registry, runner::readiness, runner::status).start();
        loop = new Thread(() -> {
            try {
                runner.runUntilStopped();
            } catch (ProducerFailure e) {
                throw new IllegalStateException(e);
            }
        }, "producer-under-test");
        loop.start();
        return new AdminHttp(adminServer.port(), TOKEN);
    }

    private static double cycles(AdminHttp admin) {
        return admin.scrape().find("producer_poll_cycle_seconds_count", "outcome", "success").orElse(0);
    }

    @Test
    void metricsExposeEveryProducerSeriesAndTheirValuesMove(RealServers servers, @TempDir Path dir) throws Exception {
        AdminHttp admin = start(config(servers, 1).write(dir));
        await().atMost(Duration.ofSeconds(60)).until(() -> cycles(admin) >= 2);
        PrometheusScrape first = admin.scrape();

        emulator.failNext(1, 429); // Retry-After: 1
        emulator.revokeTokens();  // the next call gets 401, then a new token
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            PrometheusScrape now = admin.scrape();
            return now.find("producer_api_requests_total", "status", "429").isPresent()
                    && now.value("producer_token_refreshes_total") > first.value("producer_token_refreshes_total")
                    && cycles(admin) >= first.value("producer_poll_cycle_seconds_count", "outcome", "success") + 2;
        });
        PrometheusScrape second = admin.scrape();

        assertThat(second.value("producer_api_requests_total", "endpoint", AGGREGATES, "status", "200"))
                .isGreaterThan(first.value("producer_api_requests_total", "endpoint", AGGREGATES, "status", "200"));
        assertThat(second.value("producer_api_requests_total", "endpoint", "GET /api/v2/routing/queues", "status", "200"))
                .isGreaterThanOrEqualTo(1);
        assertThat(second.value("producer_api_requests_total", "status", "401")).isGreaterThanOrEqualTo(1);
        assertThat(second.value("producer_rate_limit_waits_seconds_count", "reason", "retry-after"))
                .isGreaterThan(first.value("producer_rate_limit_waits_seconds_count", "reason", "retry-after"));
        assertThat(second.value("producer_rate_limit_waits_seconds_sum", "reason", "retry-after")).isGreaterThanOrEqualTo(1.0);
        assertThat(second.find("producer_rate_limit_waits_seconds_count", "reason", "client-budget")).isPresent();
        assertThat(second.value("producer_records_published_total")).isGreaterThan(first.value("producer_records_published_total"));
        assertThat(second.value("producer_token_refreshes_total")).isGreaterThan(first.value("producer_token_refreshes_total"));
        assertThat(second.value("producer_poll_cycle_seconds_sum", "outcome", "success"))
                .isGreaterThan(first.value("producer_poll_cycle_seconds_sum", "outcome", "success"));
        assertThat(second.find("producer_poll_cycle_seconds_count", "outcome", "failure")).isPresent();
        double age = second.value("producer_checkpoint_age_seconds");
        assertThat(age).as("now minus the live checkpoint, which follows the clock to within an interval").isBetween(-1800.0, 1800.0);
    }

    @Test
    void aReloadOfThePollIntervalMakesTheCyclesComeFasterWithoutARestart(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = config(servers, 60);
        Path file = cfg.write(dir);
        AdminHttp admin = start(file);
        await().atMost(Duration.ofSeconds(60)).until(() -> cycles(admin) == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> cycles(admin) == 1); // next one in a minute

        cfg.pollIntervalSeconds(1).write(dir);
        AdminHttp.Answer reload = admin.post("/reload");

        assertThat(reload.status()).isEqualTo(200);
        assertThat(RecordJson.mapper().readTree(reload.body()).path("changed").toString()).isEqualTo("[\"poll_interval_seconds\"]");
        await().atMost(Duration.ofSeconds(20)).until(() -> cycles(admin) >= 5);
        assertThat(admin.get("/readyz").status()).isEqualTo(200);
    }

    @Test
    void anInvalidReloadAnswers400WithEveryErrorAndTheProducerKeepsPollingUnderTheOldConfiguration(RealServers servers,
                                                                                                    @TempDir Path dir) throws Exception {
        Path file = config(servers, 1).write(dir);
        AdminHttp admin = start(file);
        await().atMost(Duration.ofSeconds(60)).until(() -> cycles(admin) >= 1);
        String valid = Files.readString(file);
        Files.writeString(file, valid.replace("\"poll_interval_seconds\": 1", "\"poll_interval_seconds\": -3")
                .replace("\"interval\":\"PT30M\"", "\"interval\":\"PT7M\""));

        AdminHttp.Answer reload = admin.post("/reload");

        assertThat(reload.status()).isEqualTo(400);
        JsonNode errors = RecordJson.mapper().readTree(reload.body()).path("errors");
        assertThat(errors.toString()).as(reload.body()).contains("poll_interval_seconds").contains("analytics.interval");
        double before = cycles(admin);
        await().atMost(Duration.ofSeconds(20)).until(() -> cycles(admin) >= before + 3); // still every second
        JsonNode status = RecordJson.mapper().readTree(admin.get("/status").body());
        assertThat(status.path("last_error").isNull()).as(status.toString()).isTrue();
        assertThat(admin.get("/readyz").status()).isEqualTo(200);
    }

    @Test
    void withoutTheBearerTokenEveryEndpointButHealthzAnswers401(RealServers servers, @TempDir Path dir) throws Exception {
        AdminHttp admin = start(config(servers, 30).write(dir));

        for (AdminHttp stranger : List.of(admin.withToken(null), admin.withToken("not-" + TOKEN))) {
            for (String path : List.of("/metrics", "/status", "/readyz")) {
                assertThat(stranger.get(path).status()).as(path).isEqualTo(401);
            }
            assertThat(stranger.post("/reload").status()).isEqualTo(401);
            assertThat(stranger.get("/healthz").status()).isEqualTo(200);
        }
        assertThat(admin.get("/metrics").status()).isEqualTo(200);
    }
}
