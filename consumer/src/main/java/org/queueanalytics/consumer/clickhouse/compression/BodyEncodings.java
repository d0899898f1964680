package org.queueanalytics.consumer.clickhouse.compression;

import org.queueanalytics.common.config.Compression;

/** The one place that maps the configured {@link Compression} to its {@link BodyEncoding}. */
public final class BodyEncodings {
    private BodyEncodings() {
    }

    /** A new (not shared: it owns buffers) encoding for {@code compression}. */
    public static BodyEncoding forCompression(Compression compression) {
        return switch (compression) {
            case LZ4 -> new NativeLz4Encoding();
            case LZ4_FRAME -> new Lz4FrameEncoding();
            case GZIP -> new GzipEncoding();
            case NONE -> new IdentityEncoding();
        };
    }
}
