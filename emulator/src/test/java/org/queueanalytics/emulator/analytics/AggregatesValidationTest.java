package org.queueanalytics.emulator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.queueanalytics.emulator.EmulatorHttp;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.testsupport.MutableClock;

class AggregatesValidationTest {
    private static final String INTERVAL = "2025-01-27T08:00:00.000Z/2025-01-27T10:00:00.000Z";
    private static GenesysEmulator emulator;
    private static EmulatorHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = GenesysEmulator.builder().queues(5).clock(MutableClock.at("2025-01-27T12:00:00Z")).build().start();
        http = new EmulatorHttp(emulator.baseUrl());
        token = http.token();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static JsonNode expectError(String body, int status, String code) {
        HttpResponse<String> response = http.post(EmulatorHttp.AGGREGATES, token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = EmulatorHttp.json(response);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("contextId").asText()).isEqualTo(response.headers().firstValue("ININ-Correlation-Id").orElseThrow());
        assertThat(error.get("details").isArray()).isTrue();
        assertThat(error.get("errors").isArray()).isTrue();
        return error;
    }

    private static List<String> fakeIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("00000000-0000-4000-8000-%012d", i));
        }
        return ids;
    }

    @Test
    void acceptsExactly100Predicates() {
        assertThat(http.post(EmulatorHttp.AGGREGATES, token, EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(100))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rejectsMoreThan100PredicatesSayingTheQueryIsTooLarge() {
        JsonNode error = expectError(EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(101)), 400, "bad.request");
        assertThat(error.get("message").asText())
                .isEqualTo("The query is too large: the filter has 101 predicates; the maximum is 100.");
        assertThat(emulator.requestCount(Endpoints.AGGREGATES, 400)).isPositive();
    }

    @Test
    void mediaTypePredicatesCountTowardsThePredicateCap() {
        String filterWithClause = EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(100)).replace("\"filter\":{\"type\":\"or\",", "\"filter\":{\"type\":\"or\","
                + "\"clauses\":[{\"type\":\"or\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"},"
                + "{\"dimension\":\"mediaType\",\"value\":\"chat\"},{\"dimension\":\"mediaType\",\"value\":\"email\"}]}],");
        JsonNode error = expectError(filterWithClause, 400, "bad.request");
        assertThat(error.get("message").asText())
                .isEqualTo("The query is too large: the filter has 103 predicates; the maximum is 100.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oWaiting", "oInteracting", "oOnQueueUsers", "oActiveUsers", "oMemberUsers",
            "oUserRoutingStatuses"})
    void rejectsAnObservationMetricNamingIt(String metric) {
        String body = EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(1)).replace("\"nOffered\"", "\"" + metric + "\"");
        JsonNode error = expectError(body, 400, "invalid.value");
        assertThat(error.get("message").asText()).contains(metric).contains("observation metric");
    }

    @Test
    void acceptsEveryMetricOfTheAggregateEnum() {
        String all = Metric.AGGREGATE_NAMES.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(","));
        String body = "{\"interval\":\"" + INTERVAL + "\",\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
                + "\"metrics\":[" + all + "]}";
        assertThat(http.post(EmulatorHttp.AGGREGATES, token, body).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsTheUnknownMediaType() {
        String body = "{\"interval\":\"" + INTERVAL + "\",\"filter\":{\"type\":\"and\",\"predicates\":["
                + "{\"dimension\":\"mediaType\",\"value\":\"unknown\"}]},\"metrics\":[\"nOffered\"]}";
        expectError(body, 400, "invalid.value");
    }

    @Test
    void rejectsAPredicateWithoutADimensionAs400NotAServerError() {
        String body = "{\"interval\":\"" + INTERVAL + "\",\"filter\":{\"type\":\"and\",\"predicates\":["
                + "{\"value\":\"voice\"}]},\"metrics\":[\"nOffered\"]}";
        assertThat(expectError(body, 400, "invalid.value").get("message").asText()).contains("filter.predicates[0].dimension");
    }

    @Test
    void rejectsAnOversizedBodyWith413() {
        String padding = "x".repeat(AggregatesEndpoint.MAX_BODY_BYTES);
        String body = EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(1)).replace("\"views\":[]", "\"views\":[],\"pad\":\"" + padding + "\"");
        expectError(body, 413, "request.entity.too.large");
    }

    @Test
    void rejectsMalformedJson() {
        expectError("{\"interval\": \"" + INTERVAL + "\", \"metrics\": [\"nOffered\"", 400, "bad.request");
    }

    @Test
    void rejectsAnEmptyBody() {
        expectError("", 400, "bad.request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-27T08:00:00/2025-01-27T10:00:00", "yesterday/today", "2025-01-27T08:00:00Z",
            "2025-01-27T10:00:00Z/2025-01-27T08:00:00Z"})
    void rejectsABadIntervalWithInvalidDate(String interval) {
        expectError(EmulatorHttp.query(interval, "PT30M", fakeIds(1)), 400, "invalid.date");
    }

    @Test
    void acceptsIntervalsWithAndWithoutMilliseconds() {
        String plain = EmulatorHttp.query("2025-01-27T08:00:00Z/2025-01-27T10:00:00Z", "PT30M", fakeIds(1));
        assertThat(http.post(EmulatorHttp.AGGREGATES, token, plain).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAGranularityThatDoesNotDivideTheInterval() {
        expectError(EmulatorHttp.query(INTERVAL, "PT45M", fakeIds(1)), 400, "invalid.value");
    }

    @Test
    void rejectsAGranularityThatIsNotAPeriod() {
        expectError(EmulatorHttp.query(INTERVAL, "half an hour", fakeIds(1)), 400, "invalid.value");
    }

    @Test
    void rejectsAnUnknownMetric() {
        String body = EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(1)).replace("\"nOffered\"", "\"nOfferedd\"");
        expectError(body, 400, "invalid.value");
    }

    @Test
    void rejectsMissingMetrics() {
        expectError("{\"interval\":\"" + INTERVAL + "\",\"groupBy\":[\"queueId\"]}", 400, "bad.request");
    }

    @Test
    void rejectsAFilterWithoutType() {
        String body = "{\"interval\":\"" + INTERVAL + "\",\"filter\":{\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"x\"}]},"
                + "\"metrics\":[\"nOffered\"]}";
        expectError(body, 400, "invalid.value");
    }

    @Test
    void rejectsAnUnknownTimeZone() {
        String body = EmulatorHttp.query(INTERVAL, "PT30M", fakeIds(1)).replace("\"UTC\"", "\"Mars/Olympus\"");
        expectError(body, 400, "invalid.value");
    }

    @Test
    void acceptsWhatTheOfficialSdkSends() {
        String body = "{\"interval\":\"" + INTERVAL + "\",\"granularity\":\"PT30M\",\"timeZone\":\"Europe/Paris\","
                + "\"groupBy\":[\"queueId\",\"mediaType\"],\"clauses\":[],\"views\":[],\"flattenMultivaluedDimensions\":false,"
                + "\"filter\":{\"type\":\"or\",\"clauses\":[],\"predicates\":[{\"type\":\"dimension\",\"dimension\":\"queueId\","
                + "\"operator\":\"matches\",\"value\":\"" + emulator.queues().get(0).idString() + "\"}]},"
                + "\"metrics\":[\"nOffered\",\"tAnswered\"]}";
        assertThat(http.post(EmulatorHttp.AGGREGATES, token, body).statusCode()).isEqualTo(200);
    }
}
