package org.queueanalytics.consumer.clickhouse;

import static java.util.Map.entry;
import static org.queueanalytics.common.config.ClickHouseErrorAction.DEAD_LETTER;
import static org.queueanalytics.common.config.ClickHouseErrorAction.HALT;
import static org.queueanalytics.common.config.ClickHouseErrorAction.RETRY;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.queueanalytics.common.config.ClickHouseErrorAction;

/**
 * The error policy: the one place that decides what a ClickHouse answer means, from the HTTP
 * status and the ClickHouse error code — the {@code X-ClickHouse-Exception-Code} header (current
 * servers) or a {@code Code: N} line of the body ({@code Code: N, e.displayText() = …} on 18.16,
 * {@code Code: N. DB::Exception: …} on current servers). Never by message text.
 *
 * <p>{@link #DEFAULT_POLICY} maps codes to actions; {@code clickhouse.error_policy} overrides
 * single codes; <em>every code the table does not know is retried</em>, as is an HTTP error
 * without a code (a proxy's 500 page) — so a row never reaches the DLQ because ClickHouse was
 * unhealthy. Only 401/403 without a code halt.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClickHouseErrorClassifier {
    /** ClickHouse error code → action (README "Error policy"); a code not listed here is retried. */
    public static final Map<Integer, ClickHouseErrorAction> DEFAULT_POLICY = Map.ofEntries(
            // retry: the server or the way to it is unhealthy (the official Kafka Connect sink's list, and more)
            entry(3, RETRY), // UNEXPECTED_END_OF_FILE
            entry(107, RETRY), // FILE_DOESNT_EXIST
            entry(159, RETRY), // TIMEOUT_EXCEEDED
            entry(160, RETRY), // TOO_SLOW
            entry(164, RETRY), // READONLY
            entry(201, RETRY), // QUOTA_EXPIRED
            entry(202, RETRY), // TOO_MANY_SIMULTANEOUS_QUERIES
            entry(203, RETRY), // NO_FREE_CONNECTION
            entry(209, RETRY), // SOCKET_TIMEOUT
            entry(210, RETRY), // NETWORK_ERROR
            entry(236, RETRY), // ABORTED
            entry(241, RETRY), // MEMORY_LIMIT_EXCEEDED
            entry(242, RETRY), // TABLE_IS_READ_ONLY (a replica that lost ZooKeeper/Keeper)
            entry(243, RETRY), // NOT_ENOUGH_SPACE
            entry(252, RETRY), // TOO_MANY_PARTS
            entry(285, RETRY), // TOO_FEW_LIVE_REPLICAS
            entry(319, RETRY), // UNKNOWN_STATUS_OF_INSERT
            entry(394, RETRY), // QUERY_WAS_CANCELLED
            entry(425, RETRY), // SYSTEM_ERROR
            entry(999, RETRY), // KEEPER_EXCEPTION
            // dead-letter: the rows cannot be stored as sent — only these split the batch
            entry(6, DEAD_LETTER), // CANNOT_PARSE_TEXT
            entry(25, DEAD_LETTER), // CANNOT_PARSE_ESCAPE_SEQUENCE
            entry(26, DEAD_LETTER), // CANNOT_PARSE_QUOTED_STRING
            entry(27, DEAD_LETTER), // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            entry(38, DEAD_LETTER), // CANNOT_PARSE_DATE
            entry(41, DEAD_LETTER), // CANNOT_PARSE_DATETIME
            entry(53, DEAD_LETTER), // TYPE_MISMATCH
            entry(62, DEAD_LETTER), // SYNTAX_ERROR (a row the VALUES renderer could not make valid)
            entry(69, DEAD_LETTER), // ARGUMENT_OUT_OF_BOUND
            entry(70, DEAD_LETTER), // CANNOT_CONVERT_TYPE
            entry(72, DEAD_LETTER), // CANNOT_PARSE_NUMBER
            entry(117, DEAD_LETTER), // INCORRECT_DATA
            entry(131, DEAD_LETTER), // TOO_LARGE_STRING_SIZE
            entry(321, DEAD_LETTER), // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            entry(349, DEAD_LETTER), // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            // halt: the request cannot succeed as configured — an operator must act
            entry(16, HALT), // NO_SUCH_COLUMN_IN_TABLE
            entry(47, HALT), // UNKNOWN_IDENTIFIER
            entry(60, HALT), // UNKNOWN_TABLE
            entry(81, HALT), // UNKNOWN_DATABASE
            entry(89, HALT), // UNKNOWN_COMPRESSION_METHOD (e.g. Content-Encoding: lz4 before ~21.10)
            entry(115, HALT), // UNKNOWN_SETTING
            entry(192, HALT), // UNKNOWN_USER
            entry(193, HALT), // WRONG_PASSWORD
            entry(194, HALT), // REQUIRED_PASSWORD
            entry(195, HALT), // IP_ADDRESS_NOT_ALLOWED
            entry(497, HALT), // ACCESS_DENIED
            entry(516, HALT)); // AUTHENTICATION_FAILED
    /** Without a ClickHouse code, only these statuses halt; every other status is retried. */
    static final Set<Integer> HALT_STATUSES = Set.of(401, 403);

    static final int MAX_DETAIL_CHARS = 600;
    /** A {@code Code: N} at the start of a line: how both 18.16 and current servers begin an error. */
    private static final Pattern BODY_CODE = Pattern.compile("(?:^|\\n)\\s*Code: (\\d{1,6})[.,] ");
    /** An exception in a 200 answer: the full marker, so that data output is never mistaken for one. */
    private static final Pattern EXCEPTION_IN_BODY =
            Pattern.compile("(?m)^Code: (\\d{1,6})(?:\\. DB::Exception|, e\\.displayText\\(\\))");

    private final Map<Integer, ClickHouseErrorAction> policy;

    /** The built-in policy. */
    public ClickHouseErrorClassifier() {
        this(Map.of());
    }

    /** The built-in policy with {@code overrides} ({@code clickhouse.error_policy}) winning for their codes. */
    public ClickHouseErrorClassifier(Map<Integer, ClickHouseErrorAction> overrides) {
        Map<Integer, ClickHouseErrorAction> merged = new HashMap<>(DEFAULT_POLICY);
        merged.putAll(overrides);
        this.policy = Map.copyOf(merged);
    }

    /** The action for a ClickHouse error code: the override, else the table, else {@code retry}. */
    public ClickHouseErrorAction action(int code) {
        return policy.getOrDefault(code, RETRY);
    }

    /**
     * Whether an HTTP answer means the request succeeded: status 200, no
     * {@code X-ClickHouse-Exception-Code} header and no exception in the body (a server that
     * sent its 200 early — progress headers — can only report a late error there). Empty when
     * it succeeded, else the classified failure.
     */
    public Optional<ClickHouseException> failure(String operation, int httpStatus, Optional<String> exceptionCodeHeader,
                                                 String body) {
        if (httpStatus != 200 || exceptionCodeHeader.isPresent()) {
            return Optional.of(classify(operation, httpStatus, exceptionCodeHeader, body));
        }
        Matcher m = EXCEPTION_IN_BODY.matcher(body);
        if (!m.find()) {
            return Optional.empty();
        }
        int code = Integer.parseInt(m.group(1));
        String message = operation + " failed: HTTP 200 with an exception in the body, ClickHouse code " + code + ": "
                + truncate(body.substring(m.start()).strip(), MAX_DETAIL_CHARS);
        return Optional.of(exception(action(code), message, code, httpStatus));
    }

    /** Classifies an HTTP answer that failed: status other than 200, or a {@code X-ClickHouse-Exception-Code} header. */
    public ClickHouseException classify(String operation, int httpStatus, Optional<String> exceptionCodeHeader, String body) {
        OptionalInt code = errorCode(exceptionCodeHeader, body);
        String message = operation + " failed: HTTP " + httpStatus
                + (code.isPresent() ? ", ClickHouse code " + code.getAsInt() : "")
                + ": " + truncate(body == null ? "" : body.strip(), MAX_DETAIL_CHARS);
        if (code.isPresent()) {
            return exception(action(code.getAsInt()), message, code.getAsInt(), httpStatus);
        }
        return exception(HALT_STATUSES.contains(httpStatus) ? HALT : RETRY, message, -1, httpStatus);
    }

    /** A request that got no HTTP answer (refused, reset, timed out): always {@code retry}. */
    public TransientClickHouseException classify(String operation, IOException failure) {
        String what = failure instanceof HttpTimeoutException ? "timed out" : "got no answer";
        return new TransientClickHouseException(operation + " " + what + ": " + failure, -1,
                ClickHouseException.NO_HTTP_STATUS, failure);
    }

    /**
     * Whether another replica may do better: every failure this policy retries (no answer, a
     * gateway status, a read-only or overloaded replica …) — never rows that cannot be stored
     * ({@code dead-letter}) nor a configuration error ({@code halt}), which every replica would
     * answer the same.
     */
    public boolean worthAnotherReplica(ClickHouseException e) {
        return e instanceof TransientClickHouseException;
    }

    private static ClickHouseException exception(ClickHouseErrorAction action, String message, int code, int httpStatus) {
        return switch (action) {
            case RETRY -> new TransientClickHouseException(message, code, httpStatus, null);
            case DEAD_LETTER -> new DataClickHouseException(message, code, httpStatus, null);
            case HALT -> new HaltClickHouseException(message, code, httpStatus, null);
        };
    }

    static OptionalInt errorCode(Optional<String> header, String body) {
        if (header.isPresent()) {
            try {
                return OptionalInt.of(Integer.parseInt(header.get().strip()));
            } catch (NumberFormatException ignored) {
                // a malformed header: fall back to the body
            }
        }
        if (body != null) {
            Matcher m = BODY_CODE.matcher(body.length() > 4096 ? body.substring(0, 4096) : body);
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
            Matcher late = EXCEPTION_IN_BODY.matcher(body);
            if (late.find()) {
                return OptionalInt.of(Integer.parseInt(late.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }
}
