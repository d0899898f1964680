package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.StopSignal;

class GenesysHttpClientTest {
    private static final String PATH = "/api/v2/routing/queues";
    private static final ApiCall CALL = ApiCall.get(PATH + "?pageSize=100&pageNumber=1", ApiCall.QUEUES_PERMISSION);
    private static final String OK = "{\"entities\":[],\"pageNumber\":1,\"pageCount\":1}";
    private static final String RATE_LIMITED = "{\"message\":\"Rate limit exceeded the maximum. Retry the request in [7] seconds\","
            + "\"code\":\"too.many.requests.retry.after\",\"status\":429}";

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:35:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void stop() {
        genesys.close();
    }

    @Test
    void sendsTheBearerTokenFromTheLoginEndpointAndReturnsTheJsonAnswer() throws Exception {
        genesys.on("GET", PATH, Reply.ok(OK));

        JsonNode answer = TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(answer.path("pageCount").asInt()).isEqualTo(1);
        assertThat(genesys.requests(PATH).get(0).header("Authorization")).isEqualTo("Bearer token-1");
        assertThat(genesys.requests(PATH).get(0).query()).isEqualTo("pageSize=100&pageNumber=1");
    }

    @Test
    void waitsTheRetryAfterSecondsOfA429ThenSendsAgain() throws Exception {
        genesys.on("GET", PATH, Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "7")
                .withHeader("inin-ratelimit-reset", "30"), Reply.ok(OK));

        TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(genesys.requests(PATH)).hasSize(2);
    }

    @Test
    void waitsTheIninRateLimitResetWhenA429HasNoRetryAfter() throws Exception {
        genesys.on("GET", PATH, Reply.json(429, RATE_LIMITED).withHeader("inin-ratelimit-reset", "12"), Reply.ok(OK));

        TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void waitsAFewSecondsWhenA429GivesNoHint() throws Exception {
        genesys.on("GET", PATH, Reply.json(429, RATE_LIMITED), Reply.ok(OK));

        TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(sleeper.waits()).containsExactly(RetryAfter.DEFAULT_WAIT);
    }

    @Test
    void givesUpWithARateLimitErrorAfterRepeated429s() {
        genesys.respond("GET", PATH, r -> Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "2"));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(CALL))
                .isInstanceOf(GenesysRateLimitedException.class)
                .hasMessageContaining("analytics.max_requests_per_minute");
        assertThat(genesys.requests(PATH)).hasSize(GenesysHttpClient.MAX_RATE_LIMIT_WAITS + 1);
        assertThat(sleeper.waits()).hasSize(GenesysHttpClient.MAX_RATE_LIMIT_WAITS).allMatch(d -> d.equals(Duration.ofSeconds(2)));
    }

    @Test
    void shutdownEndsAWaitForRetryAfter() throws Exception {
        genesys.on("GET", PATH, Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "120"));

        assertShutdownEndsTheWaitAfterTheFirstAnswer(TestClients.RETRY);
    }

    @Test
    void shutdownEndsABackoffWait() throws Exception {
        genesys.respond("GET", PATH, r -> Reply.json(503, "{}"));

        assertShutdownEndsTheWaitAfterTheFirstAnswer(new RetrySettings(3, Duration.ofSeconds(60), Duration.ofSeconds(120)));
    }

    /** Sends with the production sleeper; once Genesys has answered, a stop must end the (minute-long) wait at once. */
    private void assertShutdownEndsTheWaitAfterTheFirstAnswer(RetrySettings retry) throws Exception {
        StopSignal stop = new StopSignal();
        GenesysHttpClient client = TestClients.client(genesys, clock, stop, retry, 1000);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> call = executor.submit(() -> client.send(CALL));
            await().atMost(Duration.ofSeconds(10)).until(() -> genesys.requests(PATH).size() == 1);

            stop.stop();

            assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(genesys.requests(PATH)).hasSize(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void retriesServerErrorsWithExponentialRandomBackoff() throws Exception {
        genesys.on("GET", PATH, Reply.json(503, "{}"), Reply.json(502, "{}"), Reply.json(504, "{}"), Reply.ok(OK));

        TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(genesys.requests(PATH)).hasSize(4);
        // base 1 s, multiplier 2, randomization 0.5: 1 s ± 50 %, 2 s ± 50 %, 4 s ± 50 %
        assertThat(sleeper.waits()).hasSize(3);
        assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(sleeper.waits().get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
        assertThat(sleeper.waits().get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));
    }

    @Test
    void backoffNeverExceedsTheConfiguredMaximum() throws Exception {
        RetrySettings retry = new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(3));
        genesys.respond("GET", PATH, r -> Reply.json(500, "{}"));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper, retry, 1000).send(CALL))
                .isInstanceOf(GenesysUnavailableException.class);
        assertThat(sleeper.waits()).hasSize(6).allMatch(d -> d.compareTo(Duration.ofSeconds(3)) <= 0);
    }

    @Test
    void surfacesTheLastServerErrorWhenRetriesRunOut() {
        genesys.respond("GET", PATH, r -> Reply.json(500, "{\"message\":\"boom\",\"code\":\"internal.server.error\"}"));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(CALL))
                .isInstanceOf(GenesysUnavailableException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("internal.server.error");
        assertThat(genesys.requests(PATH)).hasSize(TestClients.RETRY.maxRetries() + 1);
    }

    @Test
    void retriesARequestThatGetsNoAnswerInTime() throws Exception {
        genesys.on("GET", PATH, Reply.ok(OK).after(Duration.ofSeconds(3)), Reply.ok(OK));
        HttpClient http = HttpClient.newHttpClient();
        GenesysHttpClient client = new GenesysHttpClient(http, genesys.oauth()::apiUri,
                new AccessTokens(http, genesys.oauth(), clock, Duration.ofSeconds(10)), new RequestBudget(1000, clock, sleeper),
                TestClients.RETRY, clock, sleeper, Duration.ofMillis(300));

        client.send(CALL);

        assertThat(genesys.requests(PATH)).hasSize(2);
        assertThat(sleeper.waits()).hasSize(1); // one backoff, as for a 5xx
    }

    @Test
    void retriesAConnectionErrorAsUnavailable() {
        ScriptedGenesys closed = ScriptedGenesys.start();
        closed.close();
        GenesysHttpClient client = TestClients.client(closed, clock, sleeper);

        assertThatThrownBy(() -> client.send(CALL))
                .isInstanceOf(GenesysUnavailableException.class)
                .hasMessageContaining("oauth.login_url");
        assertThat(sleeper.waits()).hasSize(TestClients.RETRY.maxRetries());
    }

    @Test
    void fetchesOneNewTokenOnA401AndSendsAgain() throws Exception {
        genesys.on("GET", PATH, Reply.json(401, "{\"code\":\"credentials.expired\"}"), Reply.ok(OK));

        TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(genesys.tokenRequests()).isEqualTo(2);
        assertThat(genesys.requests(PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void aSecond401IsAnAuthenticationErrorNotALoop() {
        genesys.respond("GET", PATH, r -> Reply.json(401, "{\"code\":\"bad.credentials\"}"));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(CALL))
                .isInstanceOf(GenesysAuthenticationException.class)
                .hasMessageContaining("region");
        assertThat(genesys.tokenRequests()).isEqualTo(2);
        assertThat(genesys.requests(PATH)).hasSize(2);
    }

    @Test
    void a403IsFatalAndNamesThePermissionFromTheMessage() {
        String path = AggregatesQuery.PATH;
        genesys.on("POST", path, Reply.json(403, "{\"message\":\"You are missing the following permission(s): "
                + "[analytics:conversationAggregate:view]\",\"code\":\"missing.any.permissions\",\"status\":403}"));
        ApiCall call = ApiCall.post(path, "{}", ApiCall.AGGREGATES_PERMISSION);

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(call))
                .isInstanceOfSatisfying(GenesysPermissionException.class,
                        e -> assertThat(e.permission()).isEqualTo("analytics:conversationAggregate:view"))
                .hasMessageContaining("analytics:conversationAggregate:view")
                .hasMessageContaining("role");
        assertThat(genesys.requests(path)).hasSize(1);
    }

    @Test
    void a403WithoutDetailsNamesThePermissionTheCallNeeds() {
        genesys.on("GET", PATH, Reply.json(403, ""));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(CALL))
                .isInstanceOfSatisfying(GenesysPermissionException.class,
                        e -> assertThat(e.permission()).isEqualTo("routing:queue:view"));
    }

    @Test
    void a400IsRejectedWithoutRetryingAndIsNotTooLargeUnlessItSaysSo() {
        genesys.on("GET", PATH, Reply.json(400, "{\"message\":\"bad\",\"code\":\"bad.request\"}"));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(CALL))
                .isInstanceOfSatisfying(GenesysRequestRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo("bad.request");
                    assertThat(e.genesysMessage()).isEqualTo("bad");
                    assertThat(e.queryTooLarge()).isFalse();
                });
        assertThat(genesys.requests(PATH)).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void anEmpty2xxBodyIsNotDataButIsRetriedWithBackoffLikeA5xx() throws Exception {
        genesys.on("GET", PATH, Reply.json(200, ""), Reply.json(200, "  \n "), Reply.ok(OK));

        JsonNode answer = TestClients.client(genesys, clock, sleeper).send(CALL);

        assertThat(answer.path("pageCount").asInt()).isEqualTo(1);
        assertThat(genesys.requests(PATH)).hasSize(3);
        assertThat(sleeper.waits()).hasSize(2);
        assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", " ", "{\"entities\":[", "not json", "[]", "42", "null", "{} {}"})
    void a2xxBodyThatIsEmptyNotJsonOrNotAnObjectFailsAsMalformedOnceTheRetriesRunOut(String body) {
        genesys.respond("GET", PATH, r -> Reply.json(200, body));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(CALL))
                .isInstanceOf(GenesysMalformedResponseException.class)
                .isInstanceOf(TransientGenesysException.class)
                .hasMessageContaining("GET /api/v2/routing/queues answered HTTP 200")
                .hasMessageContaining("will retry")
                .satisfies(e -> assertThat(((GenesysException) e).status()).isEqualTo(200));
        assertThat(genesys.requests(PATH)).hasSize(TestClients.RETRY.maxRetries() + 1);
        assertThat(sleeper.waits()).hasSize(TestClients.RETRY.maxRetries());
    }

    @Test
    void aQueuePageWithoutPageCountIsMalformedNotTheLastPage() {
        ApiCall page = ApiCall.get(PATH + "?pageSize=100&pageNumber=1", ApiCall.QUEUES_PERMISSION, AnswerShape.QUEUE_PAGE);
        genesys.respond("GET", PATH, r -> Reply.ok("{\"entities\":[],\"pageNumber\":1}"));

        assertThatThrownBy(() -> TestClients.client(genesys, clock, sleeper).send(page))
                .isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("it has no \"pageCount\"");
    }

    @Test
    void anEmptyObjectIsAWellFormedAggregatesAnswer() throws Exception {
        ApiCall query = ApiCall.post(AggregatesQuery.PATH, "{}", ApiCall.AGGREGATES_PERMISSION, AnswerShape.AGGREGATES);
        genesys.on("POST", AggregatesQuery.PATH, Reply.ok("{}"));

        assertThat(TestClients.client(genesys, clock, sleeper).send(query).isEmpty()).isTrue();
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void countsEveryRequestSent() throws Exception {
        genesys.on("GET", PATH, Reply.json(503, "{}"), Reply.ok(OK));
        GenesysHttpClient client = TestClients.client(genesys, clock, sleeper);

        client.send(CALL);

        assertThat(client.requestsSent()).isEqualTo(2);
    }

    @Test
    void theRequestBudgetDelaysRequestsBeyondThePerMinuteLimit() throws Exception {
        genesys.respond("GET", PATH, r -> Reply.ok(OK));
        GenesysHttpClient client = TestClients.client(genesys, clock, sleeper, TestClients.RETRY, 2);

        client.send(CALL);
        client.send(CALL);
        client.send(CALL);

        assertThat(sleeper.waits()).containsExactly(Duration.ofMinutes(1));
    }
}
