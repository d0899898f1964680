package org.queueanalytics.common.record;

import static org.queueanalytics.common.record.NotCanonical.notCanonical;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON tokens of one document in UTF-8 bytes, read in one pass at a position that only moves
 * forward: whitespace, punctuation, plain names, strings (any JSON escape, well-formed UTF-8),
 * integers and floating-point numbers in the strict forms databind takes without coercion, and
 * ISO instants in strings. Every token it does not take — malformed JSON, malformed UTF-8, a
 * leading zero, {@code -0}, an integer where a fraction or exponent is required and the other
 * way round, a token longer than the limits below — throws {@link NotCanonical}; reading past
 * the end throws {@link IndexOutOfBoundsException}. The caller catches both and leaves the
 * document to databind. Not thread-safe: one cursor per thread, reused ({@link #reset}).
 */
final class JsonCursor {
    /**
     * Well inside Jackson's {@code StreamReadConstraints} defaults (numbers of 1,000 characters,
     * strings of 20,000,000): longer tokens are left to databind, which enforces those limits.
     */
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 1_000_000;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final StringCache strings;
    private byte[] b;
    private int pos;

    /** A cursor whose plain strings come from {@code strings}. */
    JsonCursor(StringCache strings) {
        this.strings = strings;
    }

    /** Starts reading {@code json} from its first byte; null lets go of the last document. */
    JsonCursor reset(byte[] json) {
        b = json;
        pos = 0;
        return this;
    }

    byte[] bytes() {
        return b;
    }

    int position() {
        return pos;
    }

    /** The byte at the position, not consumed. */
    byte peek() {
        return b[pos];
    }

    /** The byte at the position, consumed. */
    byte next() {
        return b[pos++];
    }

    void skipWhitespace() {
        byte c;
        while ((c = b[pos]) == ' ' || c == '\n' || c == '\r' || c == '\t') {
            pos++;
        }
    }

    void expect(char c) {
        if (b[pos++] != c) {
            throw notCanonical();
        }
    }

    /** Consumes {@code token} if the bytes at the position are exactly it (compared eight at a time). */
    boolean skip(byte[] token) {
        int len = token.length;
        if (pos + len > b.length) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONG_LE.get(b, pos + i) != (long) LONG_LE.get(token, i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (b[pos + i] != token[i]) {
                return false;
            }
        }
        pos += len;
        return true;
    }

    /**
     * A string without escapes or control characters (an object's name), consumed; returns the
     * index of its first byte, and its last byte is at {@code position() - 2}.
     */
    int plainString() {
        expect('"');
        int start = pos;
        byte c;
        while ((c = b[pos]) != '"') {
            if (c == '\\' || c < 0x20) {
                throw notCanonical(); // escapes and non-ASCII names are left to the caller's slow path
            }
            pos++;
        }
        pos++;
        return start;
    }

    /** A JSON string: ASCII without escapes comes from the cache directly; anything else is decoded strictly. */
    String string() {
        expect('"');
        int start = pos;
        int flags = 0;
        byte c;
        while ((c = b[pos]) != '"') {
            flags |= c; // negative (bit 7) for a byte >= 0x80
            if (c == '\\') {
                return escapedString(start);
            }
            if (c >= 0 && c < 0x20) {
                throw notCanonical(); // a raw control character: invalid JSON
            }
            pos++;
        }
        int end = pos++;
        if (end - start > MAX_STRING_LENGTH) {
            throw notCanonical(); // databind enforces StreamReadConstraints' string length
        }
        if (flags < 0 && !Utf8Validator.isWellFormed(b, start, end)) {
            throw notCanonical();
        }
        return strings.get(b, start, end);
    }

    /** A string with escapes, from {@code start} (after the opening quote). */
    private String escapedString(int start) {
        StringBuilder out = new StringBuilder(pos - start + 16);
        int runStart = start;
        while (true) {
            byte c = b[pos];
            if (c == '"') {
                appendUtf8(out, runStart, pos);
                pos++;
                if (pos - start > MAX_STRING_LENGTH) {
                    throw notCanonical();
                }
                return out.toString();
            }
            if (c >= 0 && c < 0x20) {
                throw notCanonical();
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            appendUtf8(out, runStart, pos);
            pos++;
            byte e = b[pos++];
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(b[pos++], 16);
                        if (d < 0) {
                            throw notCanonical();
                        }
                        v = (v << 4) | d;
                    }
                    out.append((char) v);
                }
                default -> throw notCanonical();
            }
            runStart = pos;
        }
    }

    private void appendUtf8(StringBuilder out, int from, int to) {
        if (from == to) {
            return;
        }
        if (!Utf8Validator.isWellFormed(b, from, to)) {
            throw notCanonical();
        }
        out.append(new String(b, from, to - from, StandardCharsets.UTF_8));
    }

    /** An integer token (no fraction, no exponent) of at most {@code maxDigits} digits that fits a {@code long}. */
    long integer(int maxDigits) {
        int tokenStart = pos;
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int start = pos;
        long value = 0;
        int d;
        while ((d = b[pos] - '0') >= 0 && d <= 9) {
            value = value * 10 + d; // wraps beyond 18 digits; such tokens are re-read below
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > maxDigits || (b[start] == '0' && (digits > 1 || negative))) {
            throw notCanonical();
        }
        byte next = b[pos];
        if (next == '.' || next == 'e' || next == 'E') {
            throw notCanonical(); // a floating-point token in an integer field: databind refuses it
        }
        if (digits > 18) {
            try {
                return Long.parseLong(new String(b, tokenStart, pos - tokenStart, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                throw notCanonical(); // beyond a long: databind reports it
            }
        }
        return negative ? -value : value;
    }

    /** {@code null}, or a number as {@link #floatingPoint}. */
    Double nullableFloatingPoint() {
        if (b[pos] == 'n') {
            expect('n');
            expect('u');
            expect('l');
            expect('l');
            return null;
        }
        return floatingPoint();
    }

    /** A number token with a fraction and/or an exponent, as the correctly rounded double. */
    double floatingPoint() {
        int start = pos;
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        long mantissa = 0;
        int significant = 0;
        int d;
        while ((d = b[pos] - '0') >= 0 && d <= 9) {
            mantissa = mantissa * 10 + d;
            significant++;
            pos++;
        }
        int intDigits = pos - intStart;
        if (intDigits == 0 || (b[intStart] == '0' && intDigits > 1)) {
            throw notCanonical();
        }
        int fractionDigits = 0;
        boolean fraction = b[pos] == '.';
        if (fraction) {
            pos++;
            while ((d = b[pos] - '0') >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d;
                significant++;
                fractionDigits++;
                pos++;
            }
            if (fractionDigits == 0) {
                throw notCanonical();
            }
        }
        boolean exponent = b[pos] == 'e' || b[pos] == 'E';
        if (exponent) {
            pos++;
            if (b[pos] == '+' || b[pos] == '-') {
                pos++;
            }
            int expStart = pos;
            while ((d = b[pos] - '0') >= 0 && d <= 9) {
                pos++;
            }
            if (pos == expStart) {
                throw notCanonical();
            }
        }
        if (!fraction && !exponent) {
            throw notCanonical(); // an integer in a double field: left to databind's coercion rules
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw notCanonical(); // databind enforces StreamReadConstraints' number length
        }
        if (!exponent && significant <= 15 && fractionDigits < POW10.length) {
            // Exact integer mantissa (< 2^53) divided by an exact power of ten: one correctly
            // rounded operation, the same double Double.parseDouble gives.
            double v = mantissa / POW10[fractionDigits];
            return negative ? -v : v;
        }
        return Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
    }

    /** A string holding an instant in the one form {@link IsoInstantParser} reads. */
    Instant instant() {
        expect('"');
        int start = pos;
        while (b[pos] != '"') {
            pos++;
        }
        Instant parsed = IsoInstantParser.parse(b, start, pos - start);
        pos++;
        if (parsed == null) {
            throw notCanonical();
        }
        return parsed;
    }
}
