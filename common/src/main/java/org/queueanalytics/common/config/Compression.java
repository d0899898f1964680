package org.queueanalytics.common.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the consumer compresses INSERT bodies (see reference/clickhouse-http.md). */
public enum Compression {
    /** ClickHouse native compressed blocks with {@code ?decompress=1}: works on every server version. */
    LZ4("lz4"),
    /** {@code Content-Encoding: lz4} (LZ4 frame format): servers from about 21.10 only. */
    LZ4_FRAME("lz4-frame"),
    GZIP("gzip"),
    NONE("none");

    private final String configName;

    Compression(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Compression fromConfig(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown compression " + text));
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Compression::configName).collect(Collectors.joining(", "));
    }
}
