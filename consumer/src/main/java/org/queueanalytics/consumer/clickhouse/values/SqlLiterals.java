package org.queueanalytics.consumer.clickhouse.values;

import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * Writes ClickHouse SQL literals (the text {@code VALUES} format) straight into a
 * {@link ByteSink}, without intermediate strings for the common cases.
 *
 * <ul>
 *   <li>Strings: single-quoted UTF-8; {@code \} and {@code '} are backslash-escaped,
 *       {@code \n \t \r \0} use their short escapes, other control characters (below 0x20,
 *       and 0x7F) become {@code \xHH}. Everything else, emoji included, is passed through as
 *       UTF-8; an unpaired surrogate (not valid UTF-16) becomes U+FFFD. ClickHouse 18.16
 *       silently drops the backslash of an unknown escape, so only these escapes are used.</li>
 *   <li>DateTime: {@code 'YYYY-MM-DD hh:mm:ss'} in UTC. The server reads it in its own time
 *       zone, so the server (or the column) must be UTC — the project's servers are.</li>
 *   <li>Float64: a decimal that parses back to the same double; two-decimal values (the
 *       common case: percentages, targets) without going through {@link Double#toString}.</li>
 *   <li>Integers: plain decimal.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class SqlLiterals {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long MAX_EXACT_SCALED = 1L << 53;
    private static final int SECONDS_PER_DAY = 86_400;

    private SqlLiterals() {
    }

    /** {@code 'text'} with ClickHouse escapes; see the class comment. */
    public static void writeString(ByteSink sink, String text) {
        int len = text.length();
        // Worst cases: a control char -> 4 bytes (\xHH); a BMP char -> 3 bytes; a surrogate pair (2 chars) -> 4 bytes.
        int pos = sink.reserve(4 * len + 2);
        byte[] b = sink.array();
        int start = pos;
        b[pos++] = '\'';
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '\\' && c != '\'' && c != 0x7F) {
                    b[pos++] = (byte) c;
                } else {
                    pos = writeAsciiEscape(b, pos, c);
                }
            } else if (c < 0x800) {
                b[pos++] = (byte) (0xC0 | (c >> 6));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low;
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(low = text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, low);
                    b[pos++] = (byte) (0xF0 | (cp >> 18));
                    b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[pos++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                } else {
                    b[pos++] = (byte) 0xEF; // U+FFFD REPLACEMENT CHARACTER
                    b[pos++] = (byte) 0xBF;
                    b[pos++] = (byte) 0xBD;
                }
            } else {
                b[pos++] = (byte) (0xE0 | (c >> 12));
                b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[pos++] = '\'';
        sink.advance(pos - start);
    }

    private static int writeAsciiEscape(byte[] b, int pos, char c) {
        b[pos++] = '\\';
        switch (c) {
            case '\\' -> b[pos++] = '\\';
            case '\'' -> b[pos++] = '\'';
            case '\n' -> b[pos++] = 'n';
            case '\t' -> b[pos++] = 't';
            case '\r' -> b[pos++] = 'r';
            case '\0' -> b[pos++] = '0';
            default -> {
                b[pos++] = 'x';
                b[pos++] = HEX[c >> 4];
                b[pos++] = HEX[c & 0xF];
            }
        }
        return pos;
    }

    /** A plain decimal integer. */
    public static void writeLong(ByteSink sink, long value) {
        if (value == Long.MIN_VALUE) {
            sink.writeAscii(Long.toString(value));
            return;
        }
        int pos = sink.reserve(20);
        byte[] b = sink.array();
        int start = pos;
        if (value < 0) {
            b[pos++] = '-';
            value = -value;
        }
        pos = writeDigits(b, pos, value);
        sink.advance(pos - start);
    }

    /** Writes the digits of a non-negative value at {@code pos}; returns the position after them. */
    private static int writeDigits(byte[] b, int pos, long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = pos + digits;
        int i = end;
        do {
            b[--i] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        return end;
    }

    /**
     * {@code 'YYYY-MM-DD hh:mm:ss'} for a UTC instant given in epoch seconds. Years outside
     * 0000–9999 are not representable (and far outside ClickHouse DateTime's 1970–2105).
     */
    public static void writeDateTime(ByteSink sink, long epochSecond) {
        long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // Howard Hinnant's civil_from_days: proleptic Gregorian date of a day number, no allocation.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("DateTime out of range: epoch second " + epochSecond);
        }
        int pos = sink.reserve(21);
        byte[] b = sink.array();
        b[pos] = '\'';
        put4(b, pos + 1, (int) year);
        b[pos + 5] = '-';
        put2(b, pos + 6, month);
        b[pos + 8] = '-';
        put2(b, pos + 9, day);
        b[pos + 11] = ' ';
        put2(b, pos + 12, secondOfDay / 3600);
        b[pos + 14] = ':';
        put2(b, pos + 15, secondOfDay / 60 % 60);
        b[pos + 17] = ':';
        put2(b, pos + 18, secondOfDay % 60);
        b[pos + 20] = '\'';
        sink.advance(21);
    }

    private static void put2(byte[] b, int pos, int v) {
        b[pos] = (byte) ('0' + v / 10);
        b[pos + 1] = (byte) ('0' + v % 10);
    }

    private static void put4(byte[] b, int pos, int v) {
        put2(b, pos, v / 100);
        put2(b, pos + 2, v % 100);
    }

    /**
     * A finite double as a decimal that reads back as the same double. Values that are an
     * exact number of hundredths (as doubles go: {@code l / 100.0 == value}) are written as
     * {@code l/100} with two decimals; since that division is correctly rounded, {@code value}
     * is the double nearest that decimal. Others use {@link Double#toString(double)}.
     *
     * @throws IllegalArgumentException for NaN and infinities (ClickHouse would store them, but the record is invalid)
     */
    public static void writeDouble(ByteSink sink, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        double scaled = value * 100.0;
        long hundredths = (long) scaled;
        if (hundredths == scaled && Math.abs(hundredths) < MAX_EXACT_SCALED && hundredths / 100.0 == value
                && (hundredths != 0 || Double.doubleToRawLongBits(value) == 0L)) {
            int pos = sink.reserve(24);
            byte[] b = sink.array();
            int start = pos;
            if (hundredths < 0) {
                b[pos++] = '-';
                hundredths = -hundredths;
            }
            pos = writeDigits(b, pos, hundredths / 100);
            int fraction = (int) (hundredths % 100);
            if (fraction != 0) {
                b[pos++] = '.';
                put2(b, pos, fraction);
                pos += 2;
            }
            sink.advance(pos - start);
            return;
        }
        sink.writeAscii(Double.toString(value));
    }
}
