package org.queueanalytics.consumer.clickhouse.values;

import java.util.Arrays;

/**
 * The rendered {@link SqlLiterals#putString} bytes of recently seen texts. A batch repeats the
 * same few hundred queue ids, queue names, media types and granularities in every row, so
 * copying their escaped UTF-8 is cheaper than escaping and encoding them again. Direct-mapped
 * by {@link String#hashCode} (which a {@code String} caches, and which the record decoder's
 * shared instances make a one-time cost); a hit is confirmed with {@code equals}, so the output
 * is exactly what {@link SqlLiterals#putString} writes. Long texts bypass the cache.
 *
 * <p>Not thread-safe: owned by one {@link ValuesEncoder}.
 */
final class StringLiteralCache {
    /** Longer texts are rendered directly (their literal would pin up to 4 bytes per char). */
    static final int MAX_CHARS = 128;

    private final String[] texts;
    private final byte[][] literals;
    private final int mask;

    StringLiteralCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("StringLiteralCache: size must be a power of two (was " + size + ")");
        }
        texts = new String[size];
        literals = new byte[size][];
        mask = size - 1;
    }

    /** As {@link SqlLiterals#putString}: writes {@code 'text'} at {@code pos} and returns the position after it. */
    int putString(byte[] b, int pos, String text) {
        if (text.length() > MAX_CHARS) {
            return SqlLiterals.putString(b, pos, text);
        }
        int h = text.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        String cached = texts[slot];
        if (cached == text || (cached != null && cached.equals(text))) {
            byte[] literal = literals[slot];
            System.arraycopy(literal, 0, b, pos, literal.length);
            return pos + literal.length;
        }
        int end = SqlLiterals.putString(b, pos, text);
        texts[slot] = text;
        literals[slot] = Arrays.copyOfRange(b, pos, end);
        return end;
    }
}
