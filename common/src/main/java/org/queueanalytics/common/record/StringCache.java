package org.queueanalytics.common.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings by their UTF-8 bytes (well-formed, without escapes): a direct-mapped cache, so the
 * texts that repeat in every record (queue ids and names, media types, granularity) are decoded
 * once and a batch holds each of them as one {@code String}. Texts longer than 256 bytes are
 * decoded every time and not kept. Thread-safe: entries are immutable and replaced whole; a
 * racing writer only replaces one entry with another, both correct.
 */
final class StringCache {
    static final int MAX_LENGTH = 256;
    private final Entry[] entries;
    private final int mask;

    private record Entry(byte[] key, String value) {
    }

    /** A cache of {@code size} entries, a power of two. */
    StringCache(int size) {
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("StringCache: size must be a power of two (was " + size + ")");
        }
        entries = new Entry[size];
        mask = size - 1;
    }

    /** The text of {@code b[from, to)}, which the caller has checked is well-formed UTF-8. */
    String get(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_LENGTH) {
            return new String(b, from, len, StandardCharsets.UTF_8);
        }
        int h = len;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int slot = h & mask;
        Entry e = entries[slot];
        if (e != null && Arrays.equals(e.key(), 0, e.key().length, b, from, to)) {
            return e.value();
        }
        String value = new String(b, from, len, StandardCharsets.UTF_8);
        entries[slot] = new Entry(Arrays.copyOfRange(b, from, to), value);
        return value;
    }
}
