package org.queueanalytics.consumer.clickhouse.compression;

import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.queueanalytics.common.config.Compression;

/**
 * {@code lz4-frame}: {@code Content-Encoding: lz4} with the LZ4 <em>frame</em> format (what the
 * {@code lz4} command writes). Only servers from about 21.10 understand it; 18.16 answers
 * code 89 (unknown compression method), which the classifier reports as a configuration
 * error. Not thread-safe (see {@link BodyEncoding}).
 */
public final class Lz4FrameEncoding extends StreamEncoding {
    public Lz4FrameEncoding() {
        super(Compression.LZ4_FRAME, "lz4", "LZ4 frame");
    }

    @Override
    OutputStream compressing(OutputStream sink) throws IOException {
        return new LZ4FrameOutputStream(sink, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB);
    }
}
