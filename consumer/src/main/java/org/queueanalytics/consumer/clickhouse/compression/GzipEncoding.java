package org.queueanalytics.consumer.clickhouse.compression;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.queueanalytics.common.config.Compression;

/**
 * {@code gzip}: {@code Content-Encoding: gzip} (every server version). Uses the fastest
 * deflate level: the body is compressed once per INSERT and CPU, not bandwidth, is usually
 * the consumer's limit. Not thread-safe (see {@link BodyEncoding}).
 */
public final class GzipEncoding extends StreamEncoding {
    public GzipEncoding() {
        super(Compression.GZIP, "gzip", "gzip");
    }

    @Override
    OutputStream compressing(OutputStream sink) throws IOException {
        return new FastGzipOutputStream(sink);
    }

    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
