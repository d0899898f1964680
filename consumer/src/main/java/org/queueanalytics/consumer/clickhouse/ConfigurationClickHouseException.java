package org.queueanalytics.consumer.clickhouse;

/**
 * The request can never succeed as configured — wrong user or password, unknown database or
 * table, a compression mode this server lacks (code 89 for {@code lz4-frame} on 18.16), a
 * table without an expected column. Neither retrying nor isolating rows helps: report it
 * (not ready) until an operator fixes the configuration or the server.
 */
public final class ConfigurationClickHouseException extends ClickHouseException {
    public ConfigurationClickHouseException(String message, int code, int httpStatus, Throwable cause) {
        super(message, code, httpStatus, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
