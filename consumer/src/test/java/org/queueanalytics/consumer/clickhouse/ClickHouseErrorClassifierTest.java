package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Map;
import java.util.Optional;
import org.queueanalytics.common.config.ClickHouseErrorAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClickHouseErrorClassifierTest {
    private final ClickHouseErrorClassifier classifier = new ClickHouseErrorClassifier();

    private static String body1816(int code, String text) {
        return "Code: " + code + ", e.displayText() = DB::Exception: " + text + ", e.what() = DB::Exception\n";
    }

    private static String bodyCurrent(int code, String text) {
        return "Code: " + code + ". DB::Exception: " + text + ". (SOME_NAME) (version 24.8.1.1 (official build))\n";
    }

    @Test
    void readsTheCodeFrom18_16Bodies() {
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.empty(), body1816(53, "Type mismatch"));
        assertThat(e).isInstanceOf(DataClickHouseException.class);
        assertThat(e.code()).hasValue(53);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("INSERT failed: HTTP 500, ClickHouse code 53", "Type mismatch");
    }

    @Test
    void readsTheCodeFromCurrentBodies() {
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.empty(), bodyCurrent(252, "Too many parts"));
        assertThat(e).isInstanceOf(TransientClickHouseException.class);
        assertThat(e.code()).hasValue(252);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void prefersTheExceptionCodeHeader() {
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.of("241"), bodyCurrent(62, "whatever"));
        assertThat(e).isInstanceOf(TransientClickHouseException.class);
        assertThat(e.code()).hasValue(241);
    }

    @Test
    void treatsA200WithAnExceptionHeaderAsTheFailureItNames() {
        ClickHouseException e = classifier.classify("INSERT", 200, Optional.of("27"), "partial output\n" + bodyCurrent(27, "Cannot parse"));
        assertThat(e).isInstanceOf(DataClickHouseException.class);
        assertThat(e.code()).hasValue(27);
    }

    @Test
    void findsTheCodeAfterPartialOutput() {
        ClickHouseException e = classifier.classify("SELECT", 500, Optional.empty(), "1\n2\n" + body1816(241, "Memory limit"));
        assertThat(e).isInstanceOf(TransientClickHouseException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 107, 159, 160, 164, 201, 202, 203, 209, 210, 236, 241, 242, 243, 252, 285, 319, 394, 425, 999})
    void retriesTheTransientCodes(int code) {
        assertThat(classifier.classify("INSERT", 500, Optional.empty(), body1816(code, "x")))
                .isInstanceOf(TransientClickHouseException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 25, 26, 27, 38, 41, 53, 62, 69, 70, 72, 117, 131, 321, 349})
    void deadLettersRowsOnDataCodes(int code) {
        ClickHouseException e = classifier.classify("INSERT", 400, Optional.empty(), bodyCurrent(code, "x"));
        assertThat(e).isInstanceOf(DataClickHouseException.class);
        assertThat(e.action()).isEqualTo(ClickHouseErrorAction.DEAD_LETTER);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 47, 60, 81, 89, 115, 192, 193, 194, 195, 497, 516})
    void haltsOnConfigurationErrors(int code) {
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.empty(), body1816(code, "x"));
        assertThat(e).isInstanceOf(HaltClickHouseException.class);
        assertThat(e.action()).isEqualTo(ClickHouseErrorAction.HALT);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void classifiesAnUnknownCompressionOn18_16AsConfiguration() {
        String body = body1816(89, "Unknown Content-Encoding of HTTP request: lz4");
        assertThat(classifier.classify("INSERT", 500, Optional.empty(), body)).isInstanceOf(HaltClickHouseException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 243, 202, 242, 9999})
    void retriesEveryCodeTheTableDoesNotKnowOrListsAsUnhealthyNeverDeadLettersIt(int code) {
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.empty(), body1816(code, "x"));
        assertThat(e).isInstanceOf(TransientClickHouseException.class);
        assertThat(e.action()).isEqualTo(ClickHouseErrorAction.RETRY);
        assertThat(e.code()).hasValue(code);
    }

    @Test
    void anOverrideFromTheConfigurationWinsForItsCodeOnly() {
        ClickHouseErrorClassifier configured = new ClickHouseErrorClassifier(Map.of(
                62, ClickHouseErrorAction.RETRY, 40, ClickHouseErrorAction.DEAD_LETTER, 241, ClickHouseErrorAction.HALT));

        assertThat(configured.classify("INSERT", 400, Optional.empty(), body1816(62, "Syntax error")))
                .isInstanceOf(TransientClickHouseException.class);
        assertThat(configured.classify("INSERT", 500, Optional.empty(), body1816(40, "Checksum")))
                .isInstanceOf(DataClickHouseException.class);
        assertThat(configured.classify("INSERT", 500, Optional.of("241"), ""))
                .isInstanceOf(HaltClickHouseException.class);
        assertThat(configured.classify("INSERT", 400, Optional.empty(), body1816(53, "Type mismatch")))
                .isInstanceOf(DataClickHouseException.class);
        assertThat(configured.action(193)).isEqualTo(ClickHouseErrorAction.HALT);
    }

    @Test
    void everyActionOfTheTableIsOneOfTheThreeAndTheTableKeepsItsGroups() {
        assertThat(ClickHouseErrorClassifier.DEFAULT_POLICY).containsEntry(243, ClickHouseErrorAction.RETRY)
                .containsEntry(242, ClickHouseErrorAction.RETRY).containsEntry(241, ClickHouseErrorAction.RETRY)
                .containsEntry(27, ClickHouseErrorAction.DEAD_LETTER).containsEntry(497, ClickHouseErrorAction.HALT)
                .containsEntry(516, ClickHouseErrorAction.HALT).containsEntry(60, ClickHouseErrorAction.HALT);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504, 429, 408})
    void retriesGatewayAndOverloadStatusesWithoutACode(int status) {
        ClickHouseException e = classifier.classify("INSERT", status, Optional.empty(), "<html>Bad Gateway</html>");
        assertThat(e).isInstanceOf(TransientClickHouseException.class);
        assertThat(e.code()).isEmpty();
    }

    @Test
    void reportsAuthenticationStatusesWithoutACodeAsConfiguration() {
        assertThat(classifier.classify("INSERT", 401, Optional.empty(), "")).isInstanceOf(HaltClickHouseException.class);
        assertThat(classifier.classify("INSERT", 403, Optional.empty(), "")).isInstanceOf(HaltClickHouseException.class);
    }

    @Test
    void retriesEveryOtherStatusWithoutACodeSuchAsAProxysBare500Or404Page() {
        assertThat(classifier.classify("INSERT", 500, Optional.empty(), "<html><h1>500 Internal Server Error</h1></html>"))
                .isInstanceOf(TransientClickHouseException.class);
        assertThat(classifier.classify("INSERT", 404, Optional.empty(), "")).isInstanceOf(TransientClickHouseException.class);
        assertThat(classifier.classify("INSERT", 400, Optional.empty(), "bad request")).isInstanceOf(TransientClickHouseException.class);
    }

    @Test
    void aPlain200IsASuccess() {
        assertThat(classifier.failure("INSERT", 200, Optional.empty(), "")).isEmpty();
        assertThat(classifier.failure("SELECT", 200, Optional.empty(), "1\tCode: 27. DB::Exception in a value\n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Code: 41, e.displayText() = DB::Exception: Cannot parse datetime, e.what() = DB::Exception\n",
            "Code: 41. DB::Exception: Cannot parse datetime. (CANNOT_PARSE_DATETIME) (version 24.8.1.1)\n"})
    void a200WithAnExceptionInTheBodyIsAFailureClassifiedByItsCode(String exception) {
        String body = "1\n2\n".repeat(1000) + exception;

        assertThat(classifier.failure("INSERT", 200, Optional.empty(), body)).get()
                .isInstanceOfSatisfying(DataClickHouseException.class, e -> {
                    assertThat(e.code()).hasValue(41);
                    assertThat(e.httpStatus()).isEqualTo(200);
                    assertThat(e.getMessage()).contains("HTTP 200 with an exception in the body", "Cannot parse datetime");
                });
        assertThat(classifier.failure("INSERT", 200, Optional.empty(), "Code: 241. DB::Exception: Memory limit")).get()
                .isInstanceOf(TransientClickHouseException.class);
    }

    @Test
    void a200WithAnExceptionHeaderOrAnotherStatusIsAFailure() {
        assertThat(classifier.failure("INSERT", 200, Optional.of("252"), "")).get().isInstanceOf(TransientClickHouseException.class);
        assertThat(classifier.failure("INSERT", 500, Optional.empty(), "")).get().isInstanceOf(TransientClickHouseException.class);
    }

    @Test
    void ignoresCodeLikeTextInsideTheMessage() {
        // Only the leading "Code: N" of a line counts, not a number quoted in the message.
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.empty(), "oops: value 'Code: 252, x' rejected");
        assertThat(e).isInstanceOf(TransientClickHouseException.class);
        assertThat(e.code()).isEmpty();
    }

    @Test
    void fallsBackToTheBodyWhenTheHeaderIsMalformed() {
        ClickHouseException e = classifier.classify("INSERT", 500, Optional.of("abc"), bodyCurrent(53, "x"));
        assertThat(e.code()).hasValue(53);
    }

    @Test
    void truncatesLongBodies() {
        String body = body1816(27, "Cannot parse input: " + "x".repeat(10_000));
        assertThat(classifier.classify("INSERT", 500, Optional.empty(), body).getMessage()).hasSizeLessThan(1000);
    }

    @Test
    void classifiesRequestsWithoutAnswerAsTransientAndKeepsTheCause() {
        IOException refused = new ConnectException("Connection refused");
        TransientClickHouseException e = classifier.classify("INSERT on http://127.0.0.1:1", refused);
        assertThat(e.httpStatus()).isEqualTo(ClickHouseException.NO_HTTP_STATUS);
        assertThat(e.getCause()).isSameAs(refused);
        assertThat(classifier.classify("INSERT", new HttpConnectTimeoutException("connect timed out")).getMessage()).contains("timed out");
    }

    @Test
    void triesAnotherReplicaForEveryRetriedFailureButNeverForRowsOrConfiguration() {
        assertThat(classifier.worthAnotherReplica(classifier.classify("x", new ConnectException("refused")))).isTrue();
        assertThat(classifier.worthAnotherReplica(classifier.classify("x", 503, Optional.empty(), ""))).isTrue();
        assertThat(classifier.worthAnotherReplica(classifier.classify("x", 500, Optional.empty(), body1816(252, "parts")))).isTrue();
        assertThat(classifier.worthAnotherReplica(classifier.classify("x", 500, Optional.empty(), body1816(242, "read only")))).isTrue();
        assertThat(classifier.worthAnotherReplica(classifier.classify("x", 500, Optional.empty(), body1816(193, "password")))).isFalse();
        assertThat(classifier.worthAnotherReplica(classifier.classify("x", 500, Optional.empty(), body1816(53, "type")))).isFalse();
    }
}
