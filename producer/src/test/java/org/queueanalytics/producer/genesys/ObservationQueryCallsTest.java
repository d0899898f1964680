package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.testsupport.MutableClock;

/** The non-waiting path of {@link GenesysHttpClient#tryQueryObservations}: no budget waits, no backoff, 401 and 429 as agreed. */
class ObservationQueryCallsTest {
    private static final String PATH = GenesysHttpClient.OBSERVATIONS_PATH;
    private static final String BODY = "{\"filter\":{\"type\":\"or\",\"predicates\":[]},\"metrics\":[\"oWaiting\"]}";
    private static final String OK = "{\"results\":[{\"group\":{\"queueId\":\"q1\",\"mediaType\":\"voice\"},"
            + "\"data\":[{\"metric\":\"oWaiting\",\"stats\":{\"count\":2}}]}]}";

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:35:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void stop() {
        genesys.close();
    }

    private GenesysHttpClient client(int maxPerMinute) {
        return TestClients.client(genesys, clock, sleeper, TestClients.RETRY, maxPerMinute);
    }

    @Test
    void sendsTheQueryAndReturnsTheAnswer() throws Exception {
        genesys.on("POST", PATH, Reply.ok(OK));

        assertThat(client(250).tryQueryObservations(BODY, 60)).hasValueSatisfying(
                answer -> assertThat(answer.path("results").get(0).path("group").path("queueId").asText()).isEqualTo("q1"));
        assertThat(genesys.requests(PATH).get(0).body()).isEqualTo(BODY);
        assertThat(genesys.requests(PATH).get(0).header("Authorization")).isEqualTo("Bearer token-1");
    }

    @Test
    void withoutAFreeSlotNothingIsSentAndNothingWaits() throws Exception {
        genesys.respond("POST", PATH, r -> Reply.ok(OK));
        GenesysHttpClient client = client(2);

        assertThat(client.tryQueryObservations(BODY, 60)).isPresent();
        assertThat(client.tryQueryObservations(BODY, 60)).isPresent();
        assertThat(client.tryQueryObservations(BODY, 60)).as("the budget of 2 a minute is used").isEmpty();

        assertThat(genesys.requests(PATH)).hasSize(2);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aServerErrorFailsTheQueryAtOnceWithoutBackoffRetries() {
        genesys.on("POST", PATH, Reply.json(503, "{\"message\":\"down\"}"), Reply.ok(OK));

        assertThatThrownBy(() -> client(250).tryQueryObservations(BODY, 60)).isInstanceOf(GenesysUnavailableException.class);

        assertThat(genesys.requests(PATH)).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aMalformedAnswerIsATypedErrorNotRetried() {
        genesys.on("POST", PATH, Reply.ok("{\"results\":{}}"));

        assertThatThrownBy(() -> client(250).tryQueryObservations(BODY, 60))
                .isInstanceOf(GenesysMalformedResponseException.class).hasMessageContaining("the next snapshot asks again");
        assertThat(genesys.requests(PATH)).as("not resent").hasSize(1);

        genesys.on("POST", PATH, Reply.ok("{\"results\":[{\"data\":[]}]}"));
        assertThatThrownBy(() -> client(250).tryQueryObservations(BODY, 60))
                .isInstanceOf(GenesysMalformedResponseException.class).hasMessageContaining("\"group\"");
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a401GetsOneNewTokenAndOneResend() throws Exception {
        genesys.on("POST", PATH, Reply.json(401, "{\"message\":\"expired\"}"), Reply.ok(OK));
        GenesysHttpClient client = client(250);

        assertThat(client.tryQueryObservations(BODY, 60)).isPresent();

        assertThat(genesys.tokenRequests()).isEqualTo(2);
        assertThat(genesys.requests(PATH)).extracting(r -> r.header("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void a401AgainAfterTheNewTokenIsAnAuthenticationFailure() {
        genesys.on("POST", PATH, Reply.json(401, "{}"), Reply.json(401, "{}"));

        assertThatThrownBy(() -> client(250).tryQueryObservations(BODY, 60)).isInstanceOf(GenesysAuthenticationException.class);
        assertThat(genesys.requests(PATH)).hasSize(2);
    }

    @Test
    void a429PausesTheWholeBudgetFailsThisQueryAndIsNotWaitedFor() throws Exception {
        genesys.on("POST", PATH, Reply.json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "7"));
        genesys.respond("POST", PATH, r -> Reply.ok(OK));
        genesys.respond("GET", "/api/v2/routing/queues", r -> Reply.ok("{\"entities\":[],\"pageNumber\":1,\"pageCount\":1}"));
        GenesysHttpClient client = client(250);

        assertThatThrownBy(() -> client.tryQueryObservations(BODY, 60)).isInstanceOf(GenesysRateLimitedException.class)
                .hasMessageContaining("pauses for 7.0 s");
        assertThat(sleeper.waits()).isEmpty();

        assertThat(client.tryQueryObservations(BODY, 60)).as("paused: skipped, not sent").isEmpty();
        assertThat(genesys.requests(PATH)).hasSize(1);
        client.send(ApiCall.get("/api/v2/routing/queues?pageSize=100&pageNumber=1", ApiCall.QUEUES_PERMISSION, AnswerShape.QUEUE_PAGE));
        assertThat(sleeper.waits()).as("an interval request waits out the pause").containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a403NamesTheObservationPermission() {
        genesys.on("POST", PATH, Reply.json(403, "{\"message\":\"missing analytics:queueObservation:view\"}"));

        assertThatThrownBy(() -> client(250).tryQueryObservations(BODY, 60)).isInstanceOf(GenesysPermissionException.class)
                .hasMessageContaining("analytics:queueObservation:view");
    }
}
