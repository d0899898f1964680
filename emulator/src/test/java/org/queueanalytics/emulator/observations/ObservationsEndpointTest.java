package org.queueanalytics.emulator.observations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.EmulatorHttp;
import org.queueanalytics.emulator.EmulatorSettings;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.ContactSource;
import org.queueanalytics.emulator.auth.Permissions;
import org.queueanalytics.emulator.faults.BrokenAnswer;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;
import org.queueanalytics.testsupport.MutableClock;

/** The endpoint over real HTTP, in process, at a fixed instant (Monday 2025-01-27 10:00:00 UTC). */
class ObservationsEndpointTest {
    private final MutableClock clock = new MutableClock(ObservationModelTest.T);
    private GenesysEmulator emulator;
    private EmulatorHttp http;

    /** The seeded catalog's first queue (the same on every run), whose voice contacts are the model test's queue A's. */
    private static final EmulatedQueue FIRST = QueueCatalog.generate(EmulatorSettings.DEFAULT_SEED, 3, 0).visible().get(0);
    private static final ContactSource SOURCE = (queue, media, from, to, action) -> {
        if (queue.id().equals(FIRST.id()) && media == MediaType.VOICE) {
            ObservationModelTest.CONTACTS.get(ObservationModelTest.key(ObservationModelTest.A, MediaType.VOICE)).forEach(action);
        }
    };

    private GenesysEmulator.Builder builder() {
        return GenesysEmulator.builder().queues(3).clock(clock).contactSource(SOURCE);
    }

    private void start(GenesysEmulator.Builder builder) {
        emulator = builder.build().start();
        http = new EmulatorHttp(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void answersTheContractsShapeForTheQueuesAskedFor() {
        start(GenesysEmulator.builder().queues(3).clock(clock));
        EmulatedQueue queue = emulator.queues().get(0);

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, http.token(), EmulatorHttp.observationQuery(
                List.of(queue.idString()), "oWaiting", "oLongestWaiting", "oOnQueueUsers", "oMemberUsers"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("ININ-Correlation-Id")).isPresent();
        QueueObservations expected = emulator.observationsAt(clock.instant());
        JsonNode results = EmulatorHttp.json(response).get("results");
        assertThat(results).hasSize(queue.mediaTypes().size() + 1);
        for (int i = 0; i < queue.mediaTypes().size(); i++) {
            JsonNode group = results.get(i);
            String media = queue.mediaTypes().get(i).wireName();
            assertThat(group.get("group").size()).isEqualTo(2);
            assertThat(group.get("group").get("queueId").asText()).isEqualTo(queue.idString());
            assertThat(group.get("group").get("mediaType").asText()).isEqualTo(media);
            JsonNode data = group.get("data");
            assertThat(data).hasSize(2);
            assertThat(data.get(0).get("metric").asText()).isEqualTo("oWaiting");
            assertThat(data.get(0).has("qualifier")).isFalse();
            assertThat(data.get(0).get("stats").get("count").asLong())
                    .isEqualTo(expected.count(queue.idString(), media, ObservationMetric.O_WAITING, null));
            assertThat(data.get(1).get("metric").asText()).isEqualTo("oLongestWaiting");
            Long oldest = expected.find(queue.idString(), media, ObservationMetric.O_LONGEST_WAITING, null).orElseThrow()
                    .calculatedValue();
            if (oldest == null) {
                assertThat(data.get(1).get("stats").has("calculatedMetricValue")).isFalse();
            } else {
                assertThat(data.get(1).get("stats").get("calculatedMetricValue").asLong()).isEqualTo(oldest);
            }
        }
        JsonNode users = results.get(queue.mediaTypes().size());
        assertThat(users.get("group").size()).isEqualTo(1);
        assertThat(users.get("group").get("queueId").asText()).isEqualTo(queue.idString());
        assertThat(users.get("data")).extracting(d -> d.get("metric").asText() + "/" + d.path("qualifier").asText(""))
                .containsExactly("oOnQueueUsers/IDLE", "oOnQueueUsers/INTERACTING", "oMemberUsers/");
        assertThat(users.get("data").get(2).get("stats").get("count").asInt()).isEqualTo(Staffing.members(queue));
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 200)).isEqualTo(1);
    }

    @Test
    void answersTheExactBodyForKnownContacts() {
        start(builder());
        String id = FIRST.idString();
        assertThat(emulator.queues().get(0)).isEqualTo(FIRST);

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, http.token(), "{\"filter\":{\"type\":\"and\","
                + "\"clauses\":[{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"" + id + "\"}]},"
                + "{\"type\":\"or\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}]},"
                + "\"metrics\":[\"oWaiting\",\"oLongestWaiting\",\"oActiveUsers\"]}");

        // three waiting since 09:59:00 at the latest (see ObservationModelTest); logged-in agents from the formula
        assertThat(response.body()).isEqualTo("{\"results\":["
                + "{\"group\":{\"queueId\":\"" + id + "\",\"mediaType\":\"voice\"},\"data\":["
                + "{\"metric\":\"oWaiting\",\"stats\":{\"count\":3}},"
                + "{\"metric\":\"oLongestWaiting\",\"stats\":{\"count\":3,\"calculatedMetricValue\":"
                + Instant.parse("2025-01-27T09:59:00Z").toEpochMilli() + "}}]},"
                + "{\"group\":{\"queueId\":\"" + id + "\"},\"data\":["
                + "{\"metric\":\"oActiveUsers\",\"stats\":{\"count\":" + Staffing.loggedIn(FIRST, clock.instant()) + "}}]}]}");
    }

    @Test
    void servesWhatTheModelSaysAtTheClocksInstantAndRecordsIt() {
        start(GenesysEmulator.builder().queues(20).clock(clock));
        List<String> ids = emulator.queues().stream().map(EmulatedQueue::idString).toList();
        String all = String.join("\",\"", ObservationMetric.wireNames());

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, http.token(),
                EmulatorHttp.observationQuery(ids).replace("\"metrics\":[]", "\"metrics\":[\"" + all + "\"]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        QueueObservations expected = emulator.observationsAt(clock.instant());
        assertThat(emulator.servedObservations()).containsExactly(expected);
        assertThat(EmulatorHttp.json(response).get("results")).hasSize(expected.groups().size());
        long waiting = expected.rows().stream().filter(r -> r.metric().equals("oWaiting")).mapToLong(ObservationRow::count).sum();
        assertThat(waiting).as("a busy Monday morning has callers waiting somewhere").isPositive();
        emulator.clearServedObservations();
        assertThat(emulator.servedObservations()).isEmpty();
    }

    @Test
    void nothingMatchedIsAnEmptyObjectOrAnEmptyResultsList() {
        start(builder());
        String unknown = EmulatorHttp.observationQuery(List.of("00000000-0000-4000-8000-000000000000"), "oWaiting");
        assertThat(http.post(EmulatorHttp.OBSERVATIONS, http.token(), unknown).body()).isEqualTo("{}");
        emulator.close();

        start(builder().emptyResultsAsEmptyObject(false));
        assertThat(http.post(EmulatorHttp.OBSERVATIONS, http.token(), unknown).body()).isEqualTo("{\"results\":[]}");
    }

    @Test
    void deletedQueuesHaveNoLiveState() {
        start(builder().deletedQueues(1));
        String deleted = emulator.deletedQueues().get(0).idString();

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, http.token(),
                EmulatorHttp.observationQuery(List.of(deleted), "oWaiting", "oMemberUsers"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void aBadQueryIsA400GenesysErrorBodyCountedUnderTheEndpoint() {
        start(builder());

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, http.token(),
                EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting", "tHandle"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = EmulatorHttp.json(response);
        assertThat(error.get("code").asText()).isEqualTo("invalid.value");
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).contains("metrics: 'tHandle'");
        assertThat(error.get("contextId").asText()).isEqualTo(response.headers().firstValue("ININ-Correlation-Id").orElseThrow());
        assertThat(error.get("details").isArray()).isTrue();
        assertThat(error.get("errors").isArray()).isTrue();
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 400)).isEqualTo(1);
        assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isZero();
    }

    @Test
    void anOversizedBodyIs413() {
        start(builder());
        String body = EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting")
                .replace("{\"filter\"", "{\"pad\":\"" + "x".repeat(300 * 1024) + "\",\"filter\"");

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, http.token(), body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(EmulatorHttp.json(response).get("code").asText()).isEqualTo("request.entity.too.large");
    }

    @Test
    void withoutTheObservationPermissionIs403NamingIt() {
        start(builder().denyPermission(Permissions.ANALYTICS_QUEUE_OBSERVATION_VIEW));
        String token = http.token();

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, token,
                EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting"));

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = EmulatorHttp.json(response);
        assertThat(error.get("code").asText()).isEqualTo("missing.any.permissions");
        assertThat(error.get("message").asText()).contains("analytics:queueObservation:view");
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 403)).isEqualTo(1);
        assertThat(http.post(EmulatorHttp.AGGREGATES, token, EmulatorHttp.query("2025-01-27T08:00:00Z/2025-01-27T09:00:00Z",
                "PT30M", List.of(FIRST.idString()))).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutABearerTokenIs401() {
        start(builder());

        HttpResponse<String> response = http.post(EmulatorHttp.OBSERVATIONS, null,
                EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(EmulatorHttp.json(response).get("code").asText()).isEqualTo("authentication.required");
    }

    @Test
    void sharesThePerTokenRateLimitWithTheOtherEndpoints() {
        start(builder().rateLimitPerMinute(3));
        String token = http.token();
        String query = EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting");
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(200);
        assertThat(http.post(EmulatorHttp.OBSERVATIONS, token, query).statusCode()).isEqualTo(200);
        assertThat(http.post(EmulatorHttp.OBSERVATIONS, token, query).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = http.post(EmulatorHttp.OBSERVATIONS, token, query);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(EmulatorHttp.json(refused).get("code").asText()).isEqualTo("too.many.requests.retry.after");
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 429)).isEqualTo(1);
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 200)).isEqualTo(2);
    }

    @Test
    void injectedFaultsApplyAsToEveryApiCall() {
        start(builder());
        String token = http.token();
        String query = EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting");

        emulator.failNext(1, 503);
        HttpResponse<String> failed = http.post(EmulatorHttp.OBSERVATIONS, token, query);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(EmulatorHttp.json(failed).get("code").asText()).isEqualTo("service.unavailable");

        emulator.breakNextAnswers(1, BrokenAnswer.EMPTY, Endpoints.OBSERVATIONS);
        HttpResponse<String> broken = http.post(EmulatorHttp.OBSERVATIONS, token, query);
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).isEmpty();
        assertThat(emulator.servedObservations()).isEmpty();

        assertThat(http.post(EmulatorHttp.OBSERVATIONS, token, query).statusCode()).isEqualTo(200);
        assertThat(emulator.servedObservations()).hasSize(1);
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 503)).isEqualTo(1);
        assertThat(emulator.requestCount(Endpoints.OBSERVATIONS, 200)).isEqualTo(2);
    }

    @Test
    void scriptsBreakObservationAnswersThroughTheAdminEndpoint() {
        start(builder());
        String token = http.token();
        String query = EmulatorHttp.observationQuery(List.of(FIRST.idString()), "oWaiting");
        assertThat(http.post("/emulator/faults", null,
                "{\"breakNext\":{\"count\":1,\"kind\":\"wrong-shape\",\"endpoint\":\"observations\"}}").statusCode())
                .isEqualTo(200);

        assertThat(http.get("/api/v2/routing/queues", token).body()).contains("entities");
        assertThat(http.post(EmulatorHttp.OBSERVATIONS, token, query).body()).isEqualTo(BrokenAnswer.WRONG_SHAPE.body());
        assertThat(http.post(EmulatorHttp.OBSERVATIONS, token, query).body()).startsWith("{\"results\":[");
    }
}
