package org.queueanalytics.consumer.clickhouse;

import org.queueanalytics.common.config.ClickHouseErrorAction;

/**
 * The action {@code halt}: the request can never succeed as configured — wrong user or
 * password, access denied, unknown database, table or column, a compression mode this server
 * lacks (code 89 for {@code lz4-frame} on 18.16). Neither retrying nor isolating rows helps:
 * the consumer stops writing, logs it once and exits 1 so that an operator sees it; nothing
 * of the batch is committed.
 */
public final class HaltClickHouseException extends ClickHouseException {
    public HaltClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public ClickHouseErrorAction action() {
        return ClickHouseErrorAction.HALT;
    }
}
