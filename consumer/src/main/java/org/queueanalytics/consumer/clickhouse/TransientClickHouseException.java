package org.queueanalytics.consumer.clickhouse;

/** Retry with backoff: connection refused/reset, timeouts, 502/503/504, or a retryable server code (e.g. 252 too many parts). */
public final class TransientClickHouseException extends ClickHouseException {
    public TransientClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
