package org.queueanalytics.consumer.clickhouse;

/** The server rejected the rows (cannot parse, type mismatch, …): retrying never helps; split the batch to isolate them. */
public final class DataClickHouseException extends ClickHouseException {
    public DataClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
