package org.queueanalytics.consumer.clickhouse.compression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * {@code lz4-frame}: {@code Content-Encoding: lz4} with the LZ4 <em>frame</em> format (what the
 * {@code lz4} command writes). Only servers from about 21.10 understand it; 18.16 answers
 * code 89 (unknown compression method), which the classifier reports as a configuration
 * error. Not thread-safe (see {@link BodyEncoding}).
 */
public final class Lz4FrameEncoding implements BodyEncoding {
    private final ByteSink out = new ByteSink(64 * 1024, 64 * 1024 * 1024);

    @Override
    public Compression compression() {
        return Compression.LZ4_FRAME;
    }

    @Override
    public EncodedBody encode(byte[] sql, int offset, int length) {
        out.reset();
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB)) {
            lz4.write(sql, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("LZ4 frame encoding into memory failed", e); // ByteSink never throws
        }
        return new EncodedBody(out.array(), out.length(), length, "lz4", Map.of());
    }
}
