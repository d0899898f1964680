package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.producer.ProducerMetrics;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;

/** The client reports every answer, budget wait and 429 pause; {@link ProducerMetrics} turns them into meters. */
class ApiObserverTest {
    private static final String PATH = "/api/v2/routing/queues";
    private static final ApiCall CALL = ApiCall.get(PATH + "?pageSize=100&pageNumber=1", ApiCall.QUEUES_PERMISSION);
    private static final String OK = "{\"entities\":[],\"pageNumber\":1,\"pageCount\":1}";

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:35:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        genesys.close();
    }

    private GenesysHttpClient client(int maxPerMinute) {
        return client(maxPerMinute, Duration.ofSeconds(10));
    }

    private GenesysHttpClient client(int maxPerMinute, Duration requestTimeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AccessTokens tokens = new AccessTokens(http, genesys.oauth(), clock, Duration.ofSeconds(10));
        RequestBudget budget = new RequestBudget(maxPerMinute, clock, sleeper);
        return new GenesysHttpClient(http, genesys.oauth()::apiUri, tokens, budget, TestClients.RETRY, clock, sleeper,
                requestTimeout, new ProducerMetrics(registry));
    }

    private double requests(String status) {
        return registry.get("producer_api_requests").tag("endpoint", "GET " + PATH).tag("status", status).counter().count();
    }

    @Test
    void countsRequestsByEndpointAndStatusAndTimesTheRetryAfterPauses() throws Exception {
        genesys.on("GET", PATH, Reply.json(429, "{}").withHeader("Retry-After", "7"), Reply.json(503, "{}"), Reply.ok(OK));

        client(1000).send(CALL);

        assertThat(requests("429")).isEqualTo(1);
        assertThat(requests("503")).isEqualTo(1);
        assertThat(requests("200")).isEqualTo(1);
        var retryAfter = registry.get("producer_rate_limit_waits").tag("reason", "retry-after").timer();
        assertThat(retryAfter.count()).isEqualTo(1);
        assertThat(retryAfter.totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
    }

    @Test
    void timesTheWaitsForTheClientSideBudget() throws Exception {
        genesys.respond("GET", PATH, r -> Reply.ok(OK));
        GenesysHttpClient client = client(2);

        for (int i = 0; i < 3; i++) {
            client.send(CALL);
        }

        var budget = registry.get("producer_rate_limit_waits").tag("reason", "client-budget").timer();
        assertThat(budget.count()).as("the third request waits for a free slot").isEqualTo(1);
        assertThat(budget.totalTime(TimeUnit.SECONDS)).isEqualTo(60.0);
        assertThat(requests("200")).isEqualTo(3);
    }

    @Test
    void countsARequestThatGotNoAnswerUnderStatusNone() throws Exception {
        genesys.on("GET", PATH, Reply.ok(OK).after(Duration.ofSeconds(2)), Reply.ok(OK));

        client(1000, Duration.ofMillis(300)).send(CALL);

        assertThat(requests("none")).as("the timed-out attempt").isEqualTo(1);
        assertThat(requests("200")).isEqualTo(1);
    }
}
