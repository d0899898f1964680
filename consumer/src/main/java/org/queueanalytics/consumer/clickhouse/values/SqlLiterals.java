package org.queueanalytics.consumer.clickhouse.values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * Writes ClickHouse SQL literals (the text {@code VALUES} format) as UTF-8 bytes, without
 * intermediate strings.
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
 *       reads back as the same double (see {@link #putDouble}).</li>
 *   <li>Integers: plain decimal.</li>
 * </ul>
 *
 * <p>Two forms: {@code put*(byte[] b, int pos, …)} writes at {@code pos} and returns the
 * position after the literal — the caller has made room for at most the matching
 * {@code MAX_*}/{@link #maxStringBytes} bytes (the encoder reserves once per row); and
 * {@code write*(ByteSink, …)}, which reserves for itself. Stateless and thread-safe.
 */
public final class SqlLiterals {
    /** Longest integer literal: {@code -9223372036854775808}. */
    public static final int MAX_LONG_BYTES = 20;
    /** {@code 'YYYY-MM-DD hh:mm:ss'}. */
    public static final int MAX_DATE_TIME_BYTES = 21;
    /** Longest double literal this class writes (the BigDecimal fallback, e.g. {@code -0.0000012345678901234567}). */
    public static final int MAX_DOUBLE_BYTES = 32;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final long[] POW10 = new long[19];
    static final int SECONDS_PER_DAY = 86_400;
    private static final double MAX_EXACT_INTEGER = 0x1p53;
    private static final double FAST_MIN = 0.01;
    private static final double FAST_MAX = 1e15;
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private SqlLiterals() {
    }

    // --- strings ---------------------------------------------------------------------------

    /** Room {@link #putString} may need: a control char takes 4 bytes, a BMP char at most 3, a surrogate pair 4. */
    public static int maxStringBytes(String text) {
        return 4 * text.length() + 2;
    }

    /** {@code 'text'} with ClickHouse escapes; see the class comment. */
    public static void writeString(ByteSink sink, String text) {
        int pos = sink.reserve(maxStringBytes(text));
        sink.advance(putString(sink.array(), pos, text) - pos);
    }

    public static int putString(byte[] b, int pos, String text) {
        int len = text.length();
        b[pos++] = '\'';
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '\\' && c != '\'' && c != 0x7F) {
                    b[pos++] = (byte) c;
                } else {
                    pos = putAsciiEscape(b, pos, c);
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
        return pos;
    }

    private static int putAsciiEscape(byte[] b, int pos, char c) {
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

    // --- integers --------------------------------------------------------------------------

    /** A plain decimal integer. */
    public static void writeLong(ByteSink sink, long value) {
        int pos = sink.reserve(MAX_LONG_BYTES);
        sink.advance(putLong(sink.array(), pos, value) - pos);
    }

    public static int putLong(byte[] b, int pos, long value) {
        if (value >= 0 && value < 100) { // most counts in an interval are small
            if (value < 10) {
                b[pos] = (byte) ('0' + value);
                return pos + 1;
            }
            b[pos] = DIGIT_PAIRS[2 * (int) value];
            b[pos + 1] = DIGIT_PAIRS[2 * (int) value + 1];
            return pos + 2;
        }
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] min = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(min, 0, b, pos, min.length);
                return pos + min.length;
            }
            b[pos++] = '-';
            value = -value;
        }
        int end = pos + digitCount(value);
        putDigitsBackwards(b, end, value, pos);
        return end;
    }

    /** Decimal digits of a non-negative value (1 for 0). */
    private static int digitCount(long v) {
        int approx = ((64 - Long.numberOfLeadingZeros(v | 1)) * 1233) >>> 12; // ≈ log10, never too large
        return Math.max(1, approx + (v >= POW10[approx] ? 1 : 0));
    }

    /** Writes {@code v} (≥ 0) right-aligned ending before {@code end}, padding with zeros down to {@code start}. */
    private static void putDigitsBackwards(byte[] b, int end, long v, int start) {
        int i = end;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            v = q;
            b[--i] = DIGIT_PAIRS[2 * r + 1];
            b[--i] = DIGIT_PAIRS[2 * r];
        }
        int iv = (int) v;
        while (iv >= 100) {
            int q = iv / 100;
            int r = iv - q * 100;
            iv = q;
            b[--i] = DIGIT_PAIRS[2 * r + 1];
            b[--i] = DIGIT_PAIRS[2 * r];
        }
        if (iv >= 10) {
            b[--i] = DIGIT_PAIRS[2 * iv + 1];
            b[--i] = DIGIT_PAIRS[2 * iv];
        } else {
            b[--i] = (byte) ('0' + iv);
        }
        while (i > start) {
            b[--i] = '0';
        }
    }

    // --- DateTime --------------------------------------------------------------------------

    /**
     * {@code 'YYYY-MM-DD hh:mm:ss'} for a UTC instant given in epoch seconds. Years outside
     * 0000–9999 are not representable (and far outside ClickHouse DateTime's 1970–2105).
     */
    public static void writeDateTime(ByteSink sink, long epochSecond) {
        int pos = sink.reserve(MAX_DATE_TIME_BYTES);
        sink.advance(putDateTime(sink.array(), pos, epochSecond) - pos);
    }

    public static int putDateTime(byte[] b, int pos, long epochSecond) {
        putDate(b, pos, Math.floorDiv(epochSecond, SECONDS_PER_DAY), epochSecond);
        return putTimeOfDay(b, pos, Math.floorMod(epochSecond, SECONDS_PER_DAY));
    }

    /**
     * The date part of {@link #putDateTime}: {@code 'YYYY-MM-DD} (opening quote and 10 date
     * bytes) at {@code pos}, for the UTC day {@code days} since the epoch ({@code epochSecond}
     * is only quoted in the error for a year outside 0000–9999).
     */
    static void putDate(byte[] b, int pos, long days, long epochSecond) {
        // Howard Hinnant's civil_from_days: proleptic Gregorian date of a day number, no allocation.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        // Branch-free on purpose (mp is 0..11, month 1..12): this runs when a batch reaches a new day, and a
        // branch first taken then (a new month, January) would make C2 throw away and recompile the whole
        // inlined row encoder (what each recompilation costs: docs/BENCHMARKS.md).
        int month = (int) (mp + 3 - 12 * (mp / 10));
        long year = yoe + era * 400 + (14 - month) / 12;
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("DateTime out of range: epoch second " + epochSecond);
        }
        b[pos] = '\'';
        put2(b, pos + 1, (int) year / 100);
        put2(b, pos + 3, (int) year % 100);
        b[pos + 5] = '-';
        put2(b, pos + 6, month);
        b[pos + 8] = '-';
        put2(b, pos + 9, day);
    }

    /** The rest of {@link #putDateTime} after {@link #putDate}: {@code  hh:mm:ss'}; returns the position after the literal. */
    static int putTimeOfDay(byte[] b, int pos, int secondOfDay) {
        b[pos + 11] = ' ';
        put2(b, pos + 12, secondOfDay / 3600);
        b[pos + 14] = ':';
        put2(b, pos + 15, secondOfDay / 60 % 60);
        b[pos + 17] = ':';
        put2(b, pos + 18, secondOfDay % 60);
        b[pos + 20] = '\'';
        return pos + MAX_DATE_TIME_BYTES;
    }

    private static void put2(byte[] b, int pos, int v) {
        b[pos] = DIGIT_PAIRS[2 * v];
        b[pos + 1] = DIGIT_PAIRS[2 * v + 1];
    }

    // --- Float64 ---------------------------------------------------------------------------

    /** See {@link #putDouble}. */
    public static void writeDouble(ByteSink sink, double value) {
        int pos = sink.reserve(MAX_DOUBLE_BYTES);
        sink.advance(putDouble(sink.array(), pos, value) - pos);
    }

    /**
     * A finite double as a plain decimal with 17 significant digits, correctly rounded, so that
     * it reads back as the same double — on ClickHouse 18.16 too. Its fast float parser is not
     * correctly rounded: the shortest representation ({@link Double#toString}, and even
     * {@code 1.14}) comes back one ulp off for a few percent of values, while the 17-digit form
     * (measured over 0.001 … 10⁶ and every hundredth up to 100) always comes back exact: its
     * decimal sits well inside the double's rounding interval. Integers up to 2⁵³ are written
     * as integers. Values below 0.01 or from 10¹⁵ (outside this table's data) take a slower
     * exact path through {@link BigDecimal}; 18.16 may read those (and subnormals) inexactly.
     *
     * @throws IllegalArgumentException for NaN and infinities (ClickHouse would store them, but the record is invalid)
     */
    public static int putDouble(byte[] b, int pos, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        double abs = Math.abs(value);
        if (abs < MAX_EXACT_INTEGER && value == Math.rint(value)) {
            if (value == 0 && Double.doubleToRawLongBits(value) != 0L) {
                b[pos] = '-';
                b[pos + 1] = '0';
                return pos + 2;
            }
            return putLong(b, pos, (long) value);
        }
        if (abs >= FAST_MIN && abs < FAST_MAX) {
            int end = putSeventeenDigits(b, pos, value < 0, abs);
            if (end >= 0) {
                return end;
            }
        }
        byte[] text = new BigDecimal(value).round(SEVENTEEN_DIGITS).stripTrailingZeros().toString()
                .getBytes(StandardCharsets.US_ASCII);
        if (text.length > MAX_DOUBLE_BYTES) {
            throw new IllegalStateException("double literal longer than " + MAX_DOUBLE_BYTES + " bytes: " + value);
        }
        System.arraycopy(text, 0, b, pos, text.length);
        return pos + text.length;
    }

    /** {@code abs} (in [0.01, 1e15), not an integer) as 17 correctly rounded significant digits; -1 if out of reach. */
    private static int putSeventeenDigits(byte[] b, int pos, boolean negative, double abs) {
        long bits = Double.doubleToRawLongBits(abs);
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        int shift = 1075 - (int) (bits >>> 52); // abs = mantissa / 2^shift; 3 <= shift <= 59 in this range
        int k = 16 - (int) Math.floor(Math.log10(abs)); // abs * 10^k has 17 digits before the point
        if (k < 1 || k > 18) {
            return -1;
        }
        long digits = scaleAndRound(mantissa, shift, k);
        if (digits >= POW10[17]) {
            digits = scaleAndRound(mantissa, shift, --k);
        } else if (digits < POW10[16]) {
            if (k == 18) {
                return -1;
            }
            digits = scaleAndRound(mantissa, shift, ++k);
        }
        long integerPart = digits / POW10[k];
        long fraction = digits - integerPart * POW10[k];
        int fractionDigits = k;
        while (fractionDigits > 0 && fraction % 10 == 0) {
            fraction /= 10;
            fractionDigits--;
        }
        if (negative) {
            b[pos++] = '-';
        }
        pos = putLong(b, pos, integerPart);
        if (fractionDigits > 0) {
            b[pos++] = '.';
            putDigitsBackwards(b, pos + fractionDigits, fraction, pos);
            pos += fractionDigits;
        }
        return pos;
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
