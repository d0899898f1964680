package org.queueanalytics.consumer.clickhouse.compression;

import java.util.Arrays;
import java.util.Map;
import org.queueanalytics.common.config.Compression;

/** {@code none}: the SQL text as it is. The body shares the caller's array (no copy) when it starts at 0. */
public final class IdentityEncoding implements BodyEncoding {
    @Override
    public Compression compression() {
        return Compression.NONE;
    }

    @Override
    public EncodedBody encode(byte[] sql, int offset, int length) {
        byte[] bytes = offset == 0 ? sql : Arrays.copyOfRange(sql, offset, offset + length);
        return new EncodedBody(bytes, length, length, null, Map.of());
    }
}
