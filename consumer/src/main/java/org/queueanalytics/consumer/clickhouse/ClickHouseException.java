package org.queueanalytics.consumer.clickhouse;

import java.util.OptionalInt;
import org.queueanalytics.common.config.ClickHouseErrorAction;

/**
 * A failed ClickHouse request, classified once by {@link ClickHouseErrorClassifier}: the
 * subtype is the action of the error policy (README "Error policy").
 * <ul>
 *   <li>{@link TransientClickHouseException} ({@code retry}): back off and send the same rows
 *       again — server down, overloaded, timeouts, HTTP errors without a code, unknown codes.</li>
 *   <li>{@link DataClickHouseException} ({@code dead-letter}): the rows are bad; split the batch
 *       to isolate them.</li>
 *   <li>{@link HaltClickHouseException} ({@code halt}): wrong credentials, table, database,
 *       rights…; an operator must act — the consumer exits 1.</li>
 * </ul>
 * Messages carry the server's error text (truncated) and at most the first characters of the
 * SQL — never the password or the full body.
 */
public abstract sealed class ClickHouseException extends Exception
        permits TransientClickHouseException, DataClickHouseException, HaltClickHouseException {
    /** {@link #httpStatus()} when no HTTP answer arrived (connection refused, timeout). */
    public static final int NO_HTTP_STATUS = 0;
    private static final int NO_CODE = -1;

    private final int code;
    private final int httpStatus;

    protected ClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, cause);
        this.code = code < 0 ? NO_CODE : code;
        this.httpStatus = httpStatus;
    }

    /** The ClickHouse error code ({@code Code: N}), when the server sent one. */
    public OptionalInt code() {
        return code == NO_CODE ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** The HTTP status, or {@link #NO_HTTP_STATUS} when the request got no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** What the caller does about it: the error policy's decision for this failure. */
    public abstract ClickHouseErrorAction action();

    /** Whether waiting and sending the same request again may succeed ({@code retry}). */
    public final boolean isRetryable() {
        return action() == ClickHouseErrorAction.RETRY;
    }
}
