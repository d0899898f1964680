package org.queueanalytics.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.faults.BrokenAnswer;
import org.queueanalytics.emulator.faults.FaultSettings;
import org.queueanalytics.testsupport.MutableClock;

class FaultInjectionTest {
    private static final String INTERVAL = "2025-01-27T08:00:00.000Z/2025-01-27T09:00:00.000Z";
    private GenesysEmulator emulator;
    private EmulatorHttp http;
    private String token;

    @BeforeEach
    void start() {
        emulator = GenesysEmulator.builder().queues(3).clock(MutableClock.at("2025-01-27T12:00:00Z")).build().start();
        http = new EmulatorHttp(emulator.baseUrl());
        token = http.token();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String query() {
        return EmulatorHttp.query(INTERVAL, "PT30M", List.of(emulator.queues().get(0).idString()));
    }

    @Test
    void failsTheNextRequestsWithAGenesysErrorBodyThenRecovers() {
        emulator.failNext(2, 503);

        HttpResponse<String> first = http.post(EmulatorHttp.AGGREGATES, token, query());
        HttpResponse<String> second = http.get("/api/v2/routing/queues", token);
        HttpResponse<String> third = http.post(EmulatorHttp.AGGREGATES, token, query());

        assertThat(first.statusCode()).isEqualTo(503);
        JsonNode body = EmulatorHttp.json(first);
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("code").asText()).isEqualTo("service.unavailable");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(emulator.requestCount(Endpoints.AGGREGATES, 503)).isEqualTo(1);
        assertThat(emulator.requestCount(Endpoints.ROUTING_QUEUES, 503)).isEqualTo(1);
        assertThat(emulator.faults().failedCount()).isEqualTo(2);
    }

    @Test
    void theTokenEndpointIsNeverFaulted() {
        emulator.failNext(1, 503);

        assertThat(http.token()).isNotBlank();
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(503);
    }

    @Test
    void dropsTheConnectionWithoutAnAnswer() throws Exception {
        emulator.dropNextConnections(1);
        HttpRequest request = HttpRequest.newBuilder(http.uri(EmulatorHttp.AGGREGATES))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(query()))
                .build();

        assertThatThrownBy(() -> http.sendRaw(request)).isInstanceOf(IOException.class);
        assertThat(http.sendRaw(request).statusCode()).isEqualTo(200);
        assertThat(emulator.faults().droppedCount()).isEqualTo(1);
        assertThat(emulator.requestCount(Endpoints.AGGREGATES, Endpoints.DROPPED)).isEqualTo(1);
    }

    @Test
    void slowsAnswersDown() {
        emulator.slowDown(Duration.ofMillis(300));
        long started = System.nanoTime();
        HttpResponse<String> response = http.get("/api/v2/routing/queues", token);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
        emulator.slowDown(Duration.ZERO);
    }

    @Test
    void aStandingErrorRateOfOneFailsEveryApiCall() {
        try (GenesysEmulator failing = GenesysEmulator.builder().queues(1)
                .faults(new FaultSettings(1.0, 0, Duration.ZERO)).build().start()) {
            EmulatorHttp failingHttp = new EmulatorHttp(failing.baseUrl());
            String failingToken = failingHttp.token();
            for (int i = 0; i < 3; i++) {
                assertThat(failingHttp.get("/api/v2/routing/queues", failingToken).statusCode()).isEqualTo(503);
            }
        }
    }

    @Test
    void theAdminEndpointInjectsFaultsForScripts() {
        HttpResponse<String> applied = http.post("/emulator/faults", null,
                "{\"failNext\":{\"count\":1,\"status\":502},\"revokeTokens\":false}");
        assertThat(applied.statusCode()).isEqualTo(200);

        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(502);
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(200);

        assertThat(http.post("/emulator/faults", null, "{\"revokeTokens\":true}").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(401);
    }

    @Test
    void theAdminEndpointRejectsUnknownFields() {
        HttpResponse<String> response = http.post("/emulator/faults", null, "{\"explode\":true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("explode");
    }

    @Test
    void resetClearsPendingFaults() {
        emulator.failNext(5, 500);
        emulator.dropNextConnections(5);
        emulator.resetFaults();

        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(200);
    }

    @Test
    void breaksTheNextAggregatesAnswersWithAnEmpty200BodyAndRecordsNothingAsServed() {
        emulator.breakNextAnswers(2, BrokenAnswer.EMPTY, Endpoints.AGGREGATES);

        HttpResponse<String> routing = http.get("/api/v2/routing/queues", token);
        HttpResponse<String> first = http.post(EmulatorHttp.AGGREGATES, token, query());
        HttpResponse<String> second = http.post(EmulatorHttp.AGGREGATES, token, query());
        assertThat(emulator.served()).isEmpty();
        HttpResponse<String> third = http.post(EmulatorHttp.AGGREGATES, token, query());

        assertThat(routing.statusCode()).isEqualTo(200);
        assertThat(EmulatorHttp.json(routing).has("pageCount")).isTrue();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEmpty();
        assertThat(second.body()).isEmpty();
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(EmulatorHttp.json(third).has("results")).isTrue();
        assertThat(emulator.faults().brokenCount()).isEqualTo(2);
        assertThat(emulator.served()).isNotEmpty();
    }

    @Test
    void breaksTheRoutingListWithAMalformedBodyWithoutTouchingAggregates() {
        emulator.breakNextAnswers(1, BrokenAnswer.WRONG_SHAPE, Endpoints.ROUTING_QUEUES);

        HttpResponse<String> aggregates = http.post(EmulatorHttp.AGGREGATES, token, query());
        HttpResponse<String> broken = http.get("/api/v2/routing/queues", token);
        HttpResponse<String> next = http.get("/api/v2/routing/queues", token);

        assertThat(aggregates.body()).isNotEmpty();
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(EmulatorHttp.json(broken).has("pageCount")).isFalse();
        assertThat(EmulatorHttp.json(broken).has("entities")).isFalse();
        assertThat(EmulatorHttp.json(next).has("pageCount")).isTrue();
    }

    @Test
    void aTruncatedAnswerIsNotJson() {
        emulator.breakNextAnswers(1, BrokenAnswer.TRUNCATED);

        HttpResponse<String> broken = http.post(EmulatorHttp.AGGREGATES, token, query());

        assertThat(broken.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(broken.body()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aStandingEmptyBodyRateOfOneEmptiesEveryDataAnswerButNotTheToken() {
        try (GenesysEmulator broken = GenesysEmulator.builder().queues(1)
                .faults(new FaultSettings(0, 0, Duration.ZERO, 1.0)).build().start()) {
            EmulatorHttp brokenHttp = new EmulatorHttp(broken.baseUrl());
            String brokenToken = brokenHttp.token();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = brokenHttp.get("/api/v2/routing/queues", brokenToken);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEmpty();
            }
            assertThat(broken.faults().brokenCount()).isEqualTo(3);
        }
    }

    @Test
    void theAdminEndpointBreaksAnswersAndSetsTheEmptyBodyRateForScripts() {
        HttpResponse<String> applied = http.post("/emulator/faults", null,
                "{\"breakNext\":{\"count\":1,\"kind\":\"empty\",\"endpoint\":\"routing\"}}");
        assertThat(applied.statusCode()).isEqualTo(200);

        assertThat(http.post(EmulatorHttp.AGGREGATES, token, query()).body()).isNotEmpty();
        assertThat(http.get("/api/v2/routing/queues", token).body()).isEmpty();
        assertThat(http.get("/api/v2/routing/queues", token).body()).isNotEmpty();

        HttpResponse<String> rate = http.post("/emulator/faults", null, "{\"emptyBodyRate\":0.25}");
        assertThat(rate.statusCode()).isEqualTo(200);
        assertThat(EmulatorHttp.json(rate).path("standingFaults").path("emptyBodyRate").asDouble()).isEqualTo(0.25);
        assertThat(http.post("/emulator/faults", null, "{\"breakNext\":{\"kind\":\"garbage\"}}").statusCode())
                .isEqualTo(400);
        assertThat(http.post("/emulator/faults", null, "{\"emptyBodyRate\":2}").statusCode()).isEqualTo(400);
    }

    @Test
    void resetClearsPendingBrokenAnswers() {
        emulator.breakNextAnswers(5, BrokenAnswer.EMPTY);
        emulator.resetFaults();

        assertThat(http.get("/api/v2/routing/queues", token).body()).isNotEmpty();
    }
}
