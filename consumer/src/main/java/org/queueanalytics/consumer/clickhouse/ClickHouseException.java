package org.queueanalytics.consumer.clickhouse;

import java.util.OptionalInt;

/**
 * A failed ClickHouse request, already classified by {@link ClickHouseErrorClassifier}:
 * catch the subtype that matches what the caller can do about it.
 * <ul>
 *   <li>{@link TransientClickHouseException}: retry with backoff (server down, overloaded, timeouts).</li>
 *   <li>{@link DataClickHouseException}: the rows are bad; retrying never helps, isolate them.</li>
 *   <li>{@link ConfigurationClickHouseException}: wrong credentials, table, database, compression
 *       mode…; neither retrying soon nor isolating rows helps — an operator must act.</li>
 *   <li>{@link UnknownClickHouseException}: an unclassified error; retry a bounded number of
 *       times, then treat as data (isolate).</li>
 * </ul>
 * Messages carry the server's error text (truncated) and at most the first characters of the
 * SQL — never the password or the full body.
 */
public abstract sealed class ClickHouseException extends Exception
        permits TransientClickHouseException, DataClickHouseException, ConfigurationClickHouseException,
                UnknownClickHouseException {
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

    /** Whether waiting and sending the same request again may succeed. */
    public abstract boolean isRetryable();
}
