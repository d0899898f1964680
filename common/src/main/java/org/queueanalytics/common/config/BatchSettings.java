package org.queueanalytics.common.config;

import java.time.Duration;

/** When the consumer flushes: whichever of row count, byte size or linger time comes first. */
public record BatchSettings(int maxRows, long maxBytes, Duration linger) {
    public static final int DEFAULT_MAX_ROWS = 50_000;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);

    public BatchSettings {
        if (maxRows < 1) {
            throw new IllegalArgumentException("batch.max_rows: must be at least 1");
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("batch.max_bytes: must be at least 1024");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("batch.linger_ms: must not be negative");
        }
    }

    static BatchSettings read(ConfigSection s) {
        int rows = (int) s.integer("max_rows", DEFAULT_MAX_ROWS, 1, 10_000_000);
        long bytes = s.integer("max_bytes", DEFAULT_MAX_BYTES, 1024, 1L << 31);
        long lingerMs = s.integer("linger_ms", DEFAULT_LINGER.toMillis(), 0, Duration.ofMinutes(10).toMillis());
        return s.build(() -> new BatchSettings(rows, bytes, Duration.ofMillis(lingerMs)));
    }
}
