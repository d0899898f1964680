package org.queueanalytics.consumer.clickhouse.compression;

import org.queueanalytics.common.config.Compression;

/**
 * How an INSERT body (the whole SQL text) travels to ClickHouse. One implementation per
 * {@link Compression} mode; {@link BodyEncodings#forCompression} picks one.
 *
 * <p>Implementations reuse their output buffer and are therefore not thread-safe: one per
 * thread, and the returned {@link EncodedBody} is valid until the next {@code encode} call.
 */
public interface BodyEncoding {
    Compression compression();

    EncodedBody encode(byte[] sql, int offset, int length);
}
