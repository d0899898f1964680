package org.queueanalytics.consumer.clickhouse.compression;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * An HTTP {@code Content-Encoding} written through a compressing {@link OutputStream} into a
 * reused in-memory buffer: subclasses only say which stream. Not thread-safe (see {@link BodyEncoding}).
 */
abstract class StreamEncoding implements BodyEncoding {
    private final ByteSink out = new ByteSink(64 * 1024, 64 * 1024 * 1024);
    private final Compression compression;
    private final String contentEncoding;
    private final String name;

    /**
     * @param contentEncoding the {@code Content-Encoding} header's value
     * @param name            the format, as error messages name it
     */
    StreamEncoding(Compression compression, String contentEncoding, String name) {
        this.compression = compression;
        this.contentEncoding = contentEncoding;
        this.name = name;
    }

    /** The compressing stream over {@code sink}; closing it finishes the body. */
    abstract OutputStream compressing(OutputStream sink) throws IOException;

    @Override
    public final Compression compression() {
        return compression;
    }

    @Override
    public final EncodedBody encode(byte[] sql, int offset, int length) {
        out.reset();
        try (OutputStream compressed = compressing(out)) {
            compressed.write(sql, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " encoding into memory failed", e); // ByteSink never throws
        }
        return new EncodedBody(out.array(), out.length(), length, contentEncoding, Map.of());
    }
}
