package org.queueanalytics.consumer.clickhouse.compression;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * {@code gzip}: {@code Content-Encoding: gzip} (every server version). Uses the fastest
 * deflate level: the body is compressed once per INSERT and CPU, not bandwidth, is usually
 * the consumer's limit. Not thread-safe (see {@link BodyEncoding}).
 */
public final class GzipEncoding implements BodyEncoding {
    private final ByteSink out = new ByteSink(64 * 1024, 64 * 1024 * 1024);

    @Override
    public Compression compression() {
        return Compression.GZIP;
    }

    @Override
    public EncodedBody encode(byte[] sql, int offset, int length) {
        out.reset();
        try (GZIPOutputStream gzip = new FastGzipOutputStream(out)) {
            gzip.write(sql, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip encoding into memory failed", e); // ByteSink never throws
        }
        return new EncodedBody(out.array(), out.length(), length, "gzip", Map.of());
    }

    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
