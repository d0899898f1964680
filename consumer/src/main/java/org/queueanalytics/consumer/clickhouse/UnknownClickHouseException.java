package org.queueanalytics.consumer.clickhouse;

/**
 * An error the classifier has no rule for. Treat it as transient a bounded number of times
 * ({@link #isRetryable()} is true), then as a data error (isolate the rows).
 */
public final class UnknownClickHouseException extends ClickHouseException {
    public UnknownClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
