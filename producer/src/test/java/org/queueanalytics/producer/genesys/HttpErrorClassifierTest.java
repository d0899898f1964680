package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpErrorClassifierTest {
    private static final ApiCall QUERY = ApiCall.post(AggregatesQuery.PATH, "{}", ApiCall.AGGREGATES_PERMISSION);

    private static boolean tooLarge(int status, String body) {
        GenesysException e = HttpErrorClassifier.classify(QUERY, status, body);
        assertThat(e).isInstanceOf(GenesysRequestRejectedException.class);
        return ((GenesysRequestRejectedException) e).queryTooLarge();
    }

    @Test
    void a413IsTooLargeWhateverItsBodySays() {
        assertThat(tooLarge(413, "")).isTrue();
        assertThat(tooLarge(413, "{\"message\":\"nope\",\"code\":\"bad.request\"}")).isTrue();
    }

    @Test
    void a400IsTooLargeWhenItsMessageSaysSoInAnyCase() {
        assertThat(tooLarge(400, "{\"message\":\"The query is too large: the filter has 101 predicates; the maximum is 100.\","
                + "\"code\":\"bad.request\",\"status\":400}")).isTrue();
        assertThat(tooLarge(400, "{\"message\":\"Too Large\",\"code\":\"bad.request\"}")).isTrue();
    }

    @Test
    void a400IsTooLargeWhenItsCodeIsOneOfTheNamedTooLargeCodes() {
        for (String code : QueryTooLarge.CODES) {
            assertThat(tooLarge(400, "{\"message\":\"refused\",\"code\":\"" + code + "\"}")).as(code).isTrue();
        }
    }

    @Test
    void anyOther400IsNotTooLarge() {
        assertThat(tooLarge(400, "{\"message\":\"metrics: 'tFoo' is not a conversation aggregate metric\","
                + "\"code\":\"invalid.value\"}")).isFalse();
        assertThat(tooLarge(400, "{\"message\":\"The filter has 101 predicates\",\"code\":\"bad.request\"}")).isFalse();
        assertThat(tooLarge(400, "")).isFalse();
    }

    @Test
    void otherRefusalsAreNeverTooLargeEvenIfTheySaySo() {
        assertThat(tooLarge(404, "{\"message\":\"too large\",\"code\":\"query.too.large\"}")).isFalse();
    }
}
