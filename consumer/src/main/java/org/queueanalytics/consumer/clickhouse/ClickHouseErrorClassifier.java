package org.queueanalytics.consumer.clickhouse;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what a failed ClickHouse request means, from the HTTP status
 * and the ClickHouse error code — the {@code X-ClickHouse-Exception-Code} header (current
 * servers) or the {@code Code: N} prefix of the body ({@code Code: N, e.displayText() = …} on
 * 18.16, {@code Code: N. DB::Exception: …} on current servers). Never by message text.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClickHouseErrorClassifier {
    /** The codes the official ClickHouse Kafka Connect sink retries (overload, timeouts, replicas, too many parts). */
    static final Set<Integer> TRANSIENT_CODES = Set.of(
            3, // UNEXPECTED_END_OF_FILE
            107, // FILE_DOESNT_EXIST
            159, // TIMEOUT_EXCEEDED
            164, // READONLY
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            425, // SYSTEM_ERROR
            999); // KEEPER_EXCEPTION
    /** The rows cannot be stored as sent: isolate them. */
    static final Set<Integer> DATA_CODES = Set.of(
            6, // CANNOT_PARSE_TEXT
            25, // CANNOT_PARSE_ESCAPE_SEQUENCE
            26, // CANNOT_PARSE_QUOTED_STRING
            27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            38, // CANNOT_PARSE_DATE
            41, // CANNOT_PARSE_DATETIME
            53, // TYPE_MISMATCH
            62, // SYNTAX_ERROR
            69, // ARGUMENT_OUT_OF_BOUND
            70, // CANNOT_CONVERT_TYPE
            72, // CANNOT_PARSE_NUMBER
            117, // INCORRECT_DATA
            131, // TOO_LARGE_STRING_SIZE
            321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            349); // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
    /** The request cannot succeed as configured: credentials, names, settings, compression mode. */
    static final Set<Integer> CONFIGURATION_CODES = Set.of(
            16, // NO_SUCH_COLUMN_IN_TABLE
            47, // UNKNOWN_IDENTIFIER
            60, // UNKNOWN_TABLE
            81, // UNKNOWN_DATABASE
            89, // UNKNOWN_COMPRESSION_METHOD (e.g. Content-Encoding: lz4 before ~21.10)
            115, // UNKNOWN_SETTING
            192, // UNKNOWN_USER
            193, // WRONG_PASSWORD
            194, // REQUIRED_PASSWORD
            195, // IP_ADDRESS_NOT_ALLOWED
            497, // ACCESS_DENIED
            516); // AUTHENTICATION_FAILED
    static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 502, 503, 504);
    static final Set<Integer> CONFIGURATION_STATUSES = Set.of(401, 403);

    static final int MAX_DETAIL_CHARS = 600;
    private static final Pattern BODY_CODE = Pattern.compile("(?:^|\\n)\\s*Code: (\\d{1,6})[.,] ");

    /** Classifies an HTTP answer that failed: status ≥ 400, or a {@code X-ClickHouse-Exception-Code} header. */
    public ClickHouseException classify(String operation, int httpStatus, Optional<String> exceptionCodeHeader, String body) {
        OptionalInt code = errorCode(exceptionCodeHeader, body);
        String message = operation + " failed: HTTP " + httpStatus
                + (code.isPresent() ? ", ClickHouse code " + code.getAsInt() : "")
                + ": " + truncate(body == null ? "" : body.strip(), MAX_DETAIL_CHARS);
        int c = code.orElse(-1);
        if (code.isPresent()) {
            if (TRANSIENT_CODES.contains(c)) {
                return new TransientClickHouseException(message, c, httpStatus, null);
            }
            if (DATA_CODES.contains(c)) {
                return new DataClickHouseException(message, c, httpStatus, null);
            }
            if (CONFIGURATION_CODES.contains(c)) {
                return new ConfigurationClickHouseException(message, c, httpStatus, null);
            }
            return new UnknownClickHouseException(message, c, httpStatus, null);
        }
        if (TRANSIENT_STATUSES.contains(httpStatus)) {
            return new TransientClickHouseException(message, c, httpStatus, null);
        }
        if (CONFIGURATION_STATUSES.contains(httpStatus)) {
            return new ConfigurationClickHouseException(message, c, httpStatus, null);
        }
        return new UnknownClickHouseException(message, c, httpStatus, null);
    }

    /** A request that got no HTTP answer (refused, reset, timed out): always transient. */
    public TransientClickHouseException classify(String operation, IOException failure) {
        String what = failure instanceof HttpTimeoutException ? "timed out" : "got no answer";
        return new TransientClickHouseException(operation + " " + what + ": " + failure, -1,
                ClickHouseException.NO_HTTP_STATUS, failure);
    }

    /** Whether another replica may do better: no answer, or a gateway/unavailable status without a ClickHouse code. */
    public boolean worthAnotherReplica(ClickHouseException e) {
        return e instanceof TransientClickHouseException
                && (e.httpStatus() == ClickHouseException.NO_HTTP_STATUS
                    || (e.code().isEmpty() && e.httpStatus() >= 502 && e.httpStatus() <= 504));
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
        }
        return OptionalInt.empty();
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }
}
