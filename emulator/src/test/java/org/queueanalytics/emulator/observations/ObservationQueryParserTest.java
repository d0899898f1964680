package org.queueanalytics.emulator.observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.queueanalytics.emulator.errors.ApiException;

class ObservationQueryParserTest {
    private static final String Q1 = "11111111-1111-4111-8111-111111111111";
    private static final String Q2 = "22222222-2222-4222-8222-222222222222";
    private static final String ONE_QUEUE_FILTER = "{\"type\":\"or\",\"predicates\":[{\"type\":\"dimension\","
            + "\"dimension\":\"queueId\",\"operator\":\"matches\",\"value\":\"" + Q1 + "\"}]}";

    private final ObservationQueryParser parser = new ObservationQueryParser(new ObjectMapper(), 100);

    private static String body(String filter, String metrics) {
        return "{\"filter\":" + filter + ",\"metrics\":" + metrics + "}";
    }

    private ApiException rejected(String body) {
        Throwable thrown = catchThrowable(() -> parser.parse(body));
        assertThat(thrown).isInstanceOf(ApiException.class);
        ApiException error = (ApiException) thrown;
        assertThat(error.status()).isEqualTo(400);
        return error;
    }

    private static String message(ApiException error) {
        return (String) error.body().get("message");
    }

    private static String code(ApiException error) {
        return (String) error.body().get("code");
    }

    private static String queuePredicates(int count) {
        List<String> predicates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            predicates.add(String.format("{\"dimension\":\"queueId\",\"value\":\"00000000-0000-4000-8000-%012d\"}", i));
        }
        return String.join(",", predicates);
    }

    @Test
    void readsTheContractsBody() {
        ObservationQuery query = parser.parse(body(ONE_QUEUE_FILTER, "[\"oWaiting\",\"oOnQueueUsers\",\"oLongestWaiting\"]"));

        assertThat(query.metrics()).containsExactly(ObservationMetric.O_WAITING, ObservationMetric.O_ON_QUEUE_USERS,
                ObservationMetric.O_LONGEST_WAITING);
        assertThat(query.filter().matches(Map.of("queueId", Q1, "mediaType", "chat"))).isTrue();
        assertThat(query.filter().matches(Map.of("queueId", Q2, "mediaType", "chat"))).isFalse();
    }

    @Test
    void readsAnAndOfQueueAndMediaClauses() {
        ObservationQuery query = parser.parse(body("{\"type\":\"and\",\"clauses\":["
                + "{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"" + Q1 + "\"},"
                + "{\"dimension\":\"queueId\",\"value\":\"" + Q2 + "\"}]},"
                + "{\"type\":\"or\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}]}", "[\"oWaiting\"]"));

        assertThat(query.filter().matches(Map.of("queueId", Q2, "mediaType", "voice"))).isTrue();
        assertThat(query.filter().matches(Map.of("queueId", Q2, "mediaType", "email"))).isFalse();
    }

    @Test
    void predicateTypeAndOperatorDefaultToDimensionAndMatches() {
        ObservationQuery query = parser.parse(body("{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\""
                + Q1 + "\"}]}", "[\"oWaiting\"]"));

        assertThat(query.filter().predicates().get(0).operator()).isEqualTo("matches");
    }

    @Test
    void answersEachMetricOnceInRequestOrderAndAcceptsButIgnoresDetailMetricsAndUnknownFields() {
        ObservationQuery query = parser.parse("{\"filter\":" + ONE_QUEUE_FILTER + ",\"metrics\":[\"oAlerting\",\"oWaiting\","
                + "\"oAlerting\"],\"detailMetrics\":[\"oWaiting\"],\"somethingNew\":true}");

        assertThat(query.metrics()).containsExactly(ObservationMetric.O_ALERTING, ObservationMetric.O_WAITING);
    }

    @Test
    void acceptsEverySupportedMetric() {
        String all = ObservationMetric.wireNames().stream().map(n -> "\"" + n + "\"")
                .reduce((a, b) -> a + "," + b).orElseThrow();

        assertThat(parser.parse(body(ONE_QUEUE_FILTER, "[" + all + "]")).metrics()).containsExactly(ObservationMetric.values());
    }

    @Test
    void theSupportedMetricsAreThePipelinesContract() {
        assertThat(ObservationMetric.wireNames()).containsExactlyElementsOf(
                org.queueanalytics.common.config.ObservationSettings.SUPPORTED_METRICS);
    }

    @Test
    void acceptsExactly100QueuePredicatesAndDoesNotCountMediaTypeOnes() {
        String filter = "{\"type\":\"and\",\"clauses\":[{\"type\":\"or\",\"predicates\":[" + queuePredicates(100) + "]},"
                + "{\"type\":\"or\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"},"
                + "{\"dimension\":\"mediaType\",\"value\":\"chat\"}]}]}";

        assertThat(parser.parse(body(filter, "[\"oWaiting\"]")).filter().predicateCount()).isEqualTo(102);
    }

    @Test
    void moreThan100QueuePredicatesIsTooLarge() {
        ApiException error = rejected(body("{\"type\":\"or\",\"predicates\":[" + queuePredicates(101) + "]}", "[\"oWaiting\"]"));

        assertThat(code(error)).isEqualTo("bad.request");
        assertThat(message(error)).isEqualTo("The query is too large: the filter has 101 queueId predicates; the maximum is 100.");
    }

    @Test
    void queuePredicatesInClausesCountToo() {
        String filter = "{\"type\":\"or\",\"predicates\":[" + queuePredicates(60) + "],\"clauses\":[{\"type\":\"or\","
                + "\"predicates\":[" + queuePredicates(41) + "]}]}";

        assertThat(message(rejected(body(filter, "[\"oWaiting\"]")))).startsWith("The query is too large:").contains("101");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "invalid JSON                | {\"filter\":                                                   | bad.request   | Unable to parse the request body as JSON",
        "empty body                  | ``                                                             | bad.request   | The request body is empty",
        "not an object               | [1,2]                                                          | bad.request   | must be a JSON object",
        "missing filter              | {\"metrics\":[\"oWaiting\"]}                                   | bad.request   | filter is required",
        "null filter                 | {\"filter\":null,\"metrics\":[\"oWaiting\"]}                   | bad.request   | filter is required",
        "filter not an object        | {\"filter\":\"all\",\"metrics\":[\"oWaiting\"]}                | bad.request   | filter must be an object",
        "bad filter type             | {\"filter\":{\"type\":\"xor\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.type must be 'and' or 'or'",
        "missing filter type         | {\"filter\":{\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.type must be 'and' or 'or'",
        "empty filter                | {\"filter\":{\"type\":\"or\"},\"metrics\":[\"oWaiting\"]}      | bad.request   | filter must contain at least one clause or predicate",
        "predicates not an array     | {\"filter\":{\"type\":\"or\",\"predicates\":{}},\"metrics\":[\"oWaiting\"]} | bad.request | filter.predicates must be an array",
        "bad clause type             | {\"filter\":{\"type\":\"and\",\"clauses\":[{\"type\":\"nand\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.clauses[0].type must be 'and' or 'or'",
        "clause nested in a clause   | {\"filter\":{\"type\":\"and\",\"clauses\":[{\"type\":\"or\",\"clauses\":[{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]}],\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]}]},\"metrics\":[\"oWaiting\"]} | bad.request | filter.clauses[0].clauses: a clause holds predicates only",
        "clause without predicates   | {\"filter\":{\"type\":\"and\",\"clauses\":[{\"type\":\"or\"}]},\"metrics\":[\"oWaiting\"]} | bad.request | filter.clauses[0] must contain at least one predicate",
        "predicate not an object     | {\"filter\":{\"type\":\"or\",\"predicates\":[\"queueId\"]},\"metrics\":[\"oWaiting\"]} | bad.request | filter.predicates[0] must be an object",
        "unknown dimension           | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"userId\",\"value\":\"u\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.predicates[0].dimension 'userId' is not supported",
        "missing dimension           | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"value\":\"u\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.predicates[0].dimension 'null' is not supported",
        "predicate type not dimension| {\"filter\":{\"type\":\"or\",\"predicates\":[{\"type\":\"metric\",\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.predicates[0].type 'metric' is not supported",
        "unknown operator            | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"operator\":\"contains\",\"value\":\"q\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.predicates[0].operator 'contains' must be one of",
        "matches without a value     | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.predicates[0].value is required for operator 'matches'",
        "unknown media type          | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"fax\"}]},\"metrics\":[\"oWaiting\"]} | invalid.value | filter.predicates[0].value 'fax' is not a media type",
        "unknown metric              | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[\"oWaiting\",\"oQueueDepth\"]} | invalid.value | metrics: 'oQueueDepth' is not a queue observation metric",
        "aggregate metric            | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[\"nOffered\"]} | invalid.value | metrics: 'nOffered' is a conversation aggregate metric",
        "metric not a string         | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[7]} | invalid.value | metrics: '7' is not a queue observation metric",
        "missing metrics             | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]}} | bad.request | metrics is required",
        "empty metrics               | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[]} | bad.request | metrics is required",
        "metrics not an array        | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":\"oWaiting\"} | bad.request | metrics must be an array",
        "unknown detail metric       | {\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q\"}]},\"metrics\":[\"oWaiting\"],\"detailMetrics\":[\"oNope\"]} | invalid.value | detailMetrics: 'oNope' is not a queue observation metric",
    })
    void rejectsWith400NamingTheField(String problem, String body, String code, String messagePart) {
        ApiException error = rejected(body);

        assertThat(code(error)).as(problem).isEqualTo(code);
        assertThat(message(error)).as(problem).contains(messagePart);
        assertThat(error.body()).containsKeys("message", "code", "status", "details", "errors");
    }

    @Test
    void anUnknownQueueIdIsNotAnError() {
        assertThatCode(() -> parser.parse(body(ONE_QUEUE_FILTER, "[\"oWaiting\"]"))).doesNotThrowAnyException();
    }
}
