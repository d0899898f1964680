package org.queueanalytics.consumer.clickhouse;

import org.queueanalytics.common.config.ClickHouseErrorAction;

/**
 * The action {@code retry}: ClickHouse, or the way to it, is unhealthy — no answer, a timeout,
 * an HTTP error without a ClickHouse code (a proxy's 500 or 502 page), a retryable code (too
 * many parts, memory limit, read-only replica…) or a code the error policy does not know. Back
 * off and send the same rows again; never split them, never dead-letter them.
 */
public final class TransientClickHouseException extends ClickHouseException {
    public TransientClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public ClickHouseErrorAction action() {
        return ClickHouseErrorAction.RETRY;
    }
}
