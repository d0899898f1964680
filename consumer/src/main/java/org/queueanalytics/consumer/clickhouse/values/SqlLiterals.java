package org.queueanalytics.consumer.clickhouse.values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
 *   <li>Float64: 17 significant digits, which ClickHouse 18.16's inexact float parser still
 *       reads back as the same double (see {@link #writeDouble}).</li>
 *   <li>Integers: plain decimal.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class SqlLiterals {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final double MAX_EXACT_INTEGER = 0x1p53;
    private static final double FAST_MIN = 0.01;
    private static final double FAST_MAX = 1e15;
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }
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
     * A finite double as a plain decimal with 17 significant digits, correctly rounded, so that
     * it reads back as the same double — on ClickHouse 18.16 too. Its fast float parser is not
     * correctly rounded: the shortest representation ({@link Double#toString}, and even
     * {@code 1.14}) comes back one ulp off for a few percent of values, while the 17-digit form
     * (measured over 0.001 … 10⁶ and every hundredth up to 100) always comes back exact: its
     * decimal sits well inside the double's rounding interval. Integers up to 2⁵³ are written
     * as integers. Values below 0.01 or from 10¹⁵ (outside this table's data) take a slower
     * exact path through {@link BigDecimal}.
     *
     * @throws IllegalArgumentException for NaN and infinities (ClickHouse would store them, but the record is invalid)
     */
    public static void writeDouble(ByteSink sink, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        double abs = Math.abs(value);
        if (abs < MAX_EXACT_INTEGER && value == Math.rint(value)) {
            if (value == 0 && Double.doubleToRawLongBits(value) != 0L) {
                sink.writeAscii("-0");
            } else {
                writeLong(sink, (long) value);
            }
            return;
        }
        if (abs >= FAST_MIN && abs < FAST_MAX && writeSeventeenDigits(sink, value < 0, abs)) {
            return;
        }
        sink.writeAscii(new BigDecimal(value).round(SEVENTEEN_DIGITS).stripTrailingZeros().toString());
    }

    /** {@code abs} (in [0.01, 1e15), not an integer) as 17 correctly rounded significant digits, without allocation. */
    private static boolean writeSeventeenDigits(ByteSink sink, boolean negative, double abs) {
        long bits = Double.doubleToRawLongBits(abs);
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        int shift = 1075 - (int) (bits >>> 52); // abs = mantissa / 2^shift; 3 <= shift <= 59 in this range
        int k = 16 - (int) Math.floor(Math.log10(abs)); // abs * 10^k has 17 digits before the point
        if (k < 1 || k > 18) {
            return false;
        }
        long digits = scaleAndRound(mantissa, shift, k);
        if (digits >= POW10[17]) {
            digits = scaleAndRound(mantissa, shift, --k);
        } else if (digits < POW10[16]) {
            if (k == 18) {
                return false;
            }
            digits = scaleAndRound(mantissa, shift, ++k);
        }
        long integerPart = digits / POW10[k];
        long fraction = digits % POW10[k];
        int fractionDigits = k;
        while (fractionDigits > 0 && fraction % 10 == 0) {
            fraction /= 10;
            fractionDigits--;
        }
        int pos = sink.reserve(40);
        byte[] b = sink.array();
        int start = pos;
        if (negative) {
            b[pos++] = '-';
        }
        pos = writeDigits(b, pos, integerPart);
        if (fractionDigits > 0) {
            b[pos++] = '.';
            for (int i = pos + fractionDigits - 1; i >= pos; i--) {
                b[i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            pos += fractionDigits;
        }
        sink.advance(pos - start);
        return true;
    }

    /** round-half-even(mantissa * 10^k / 2^shift), exactly, through a 128-bit product. */
    private static long scaleAndRound(long mantissa, int shift, int k) {
        long p10 = POW10[k];
        long hi = Math.multiplyHigh(mantissa, p10);
        long lo = mantissa * p10;
        long quotient = (hi << (64 - shift)) | (lo >>> shift);
        long remainder = lo & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }
}
