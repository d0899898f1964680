package org.queueanalytics.consumer.clickhouse.compression;

import java.util.Map;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * {@code lz4}: ClickHouse native compressed blocks, read by the server because of the URL
 * parameter {@code decompress=1}. Works on every server version (18.16 … current).
 * Not thread-safe (see {@link BodyEncoding}).
 */
public final class NativeLz4Encoding implements BodyEncoding {
    private static final Map<String, String> PARAMETERS = Map.of("decompress", "1");

    private final NativeLz4Framer framer;

    public NativeLz4Encoding() {
        this(new NativeLz4Framer());
    }

    public NativeLz4Encoding(NativeLz4Framer framer) {
        this.framer = framer;
    }

    @Override
    public Compression compression() {
        return Compression.LZ4;
    }

    @Override
    public EncodedBody encode(byte[] sql, int offset, int length) {
        ByteSink framed = framer.frame(sql, offset, length);
        return new EncodedBody(framed.array(), framed.length(), length, null, PARAMETERS);
    }
}
