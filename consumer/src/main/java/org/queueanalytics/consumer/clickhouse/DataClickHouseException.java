package org.queueanalytics.consumer.clickhouse;

import org.queueanalytics.common.config.ClickHouseErrorAction;

/**
 * The action {@code dead-letter}: the server refused the rows themselves (cannot parse, type
 * mismatch, value out of range…). Retrying never helps: split the batch at once until the bad
 * rows are alone, and send those to the DLQ.
 */
public final class DataClickHouseException extends ClickHouseException {
    public DataClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public ClickHouseErrorAction action() {
        return ClickHouseErrorAction.DEAD_LETTER;
    }
}
