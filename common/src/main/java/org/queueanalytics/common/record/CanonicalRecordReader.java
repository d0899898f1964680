package org.queueanalytics.common.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The fast path of {@link RecordJson#fromBytes}: reads a record straight from the UTF-8 bytes
 * when the JSON has the canonical shape the producer writes, and gives up (returns null) on
 * anything else, so that the caller runs the full databind reader, whose answer — a record or
 * the exception naming the field — stays the contract. Databind spends most of its time in
 * {@code DateTimeFormatter} (three instants per record) and in per-document parser set-up; this
 * reader does one pass over the bytes and allocates little more than the record itself.
 *
 * <p>Canonical means: one JSON object (UTF-8, no BOM) holding every required field of
 * {@link QueueIntervalRecord} exactly once and any of the optional ones at most once, under its
 * plain (unescaped) snake_case name, each with the token type databind takes without any
 * coercion — {@code schema_version} an integer within an {@code int}, counts and durations
 * integers within a {@code long}, no leading zero and no {@code -0}; {@code service_level_pct},
 * {@code sl_target} and {@code service_target} {@code null} or numbers with a fraction or an
 * exponent; the four texts strings; the three instants strings of the form
 * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (1–9 fraction digits, a valid date, hour ≤ 23, second ≤ 59).
 * An absent optional field reads as databind reads it: 0, or null for {@code service_target}.
 * Strings may hold any JSON escape and any well-formed UTF-8. Input that is not canonical — an
 * unknown field, another null, a duplicate, a missing required field, a number written as a string, an
 * integer in a double field, another instant form (offset, leap second, 24:00, epoch number),
 * malformed UTF-8 or malformed JSON — takes the databind path, which also means that nothing
 * this reader accepts could have been rejected there. What follows the closing brace is not
 * read (databind does not read it either). RecordJsonFastPathTest compares the two readers.
 *
 * <p>Texts that repeat from record to record (queue ids and names, media types, granularity)
 * come back as the same {@code String} instance from a small cache, so a batch holds each text
 * once. Thread-safe: the cache's entries are immutable and replaced whole, and each thread
 * parses with its own reusable cursor.
 */
final class CanonicalRecordReader {
    private static final int FIELDS = 46;
    /** The fields every record must have: those before the ones added later to schema version 1. */
    private static final int REQUIRED_FIELDS = 26;
    private static final long REQUIRED = (1L << REQUIRED_FIELDS) - 1;
    private static final byte[][] NAMES = new byte[FIELDS][];
    /** Each name with its quotes: {@code "queue_id"}. */
    private static final byte[][] QUOTED_NAMES = new byte[FIELDS][];
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final String[] FIELD_NAMES = {
        "schema_version", "queue_id", "queue_name", "media_type", "interval_start", "interval_end", "granularity",
        "fetched_at", "offered", "answered", "abandoned", "service_level_pct", "short_abandoned", "flow_outs", "over_sla",
        "sl_numerator", "sl_denominator", "sl_target", "answer_time_ms", "wait_time_ms", "talk_time_ms", "hold_time_ms",
        "acw_time_ms", "handle_time_ms", "handle_count", "transferred",
        // added later in schema version 1: optional (see QueueIntervalRecord)
        "abandon_time_ms", "max_wait_time_ms", "talk_count", "hold_count", "acw_count", "alert_time_ms", "alert_count",
        "not_responding_time_ms", "not_responding_count", "connected", "acd_time_ms", "acd_count", "consults",
        "consult_transferred", "blind_transferred", "outbound", "errors", "voicemail_time_ms", "voicemail_count",
        "service_target",
    };
    private static final int SCHEMA_VERSION = 0;
    private static final int QUEUE_ID = 1;
    private static final int QUEUE_NAME = 2;
    private static final int MEDIA_TYPE = 3;
    private static final int INTERVAL_START = 4;
    private static final int INTERVAL_END = 5;
    private static final int GRANULARITY = 6;
    private static final int FETCHED_AT = 7;
    private static final int SERVICE_LEVEL_PCT = 11;
    private static final int SL_TARGET = 17;
    private static final int SERVICE_TARGET = 45;
    /** Field indexes by name length, for matching a name with at most a few comparisons. */
    private static final int[][] BY_LENGTH = new int[32][];
    private static final double[] POW10 = new double[23];
    private static final StringCache STRINGS = new StringCache(1024);
    private static final ThreadLocal<Cursor> CURSORS = ThreadLocal.withInitial(Cursor::new);
    /**
     * Well inside Jackson's {@code StreamReadConstraints} defaults (numbers of 1,000 characters,
     * strings of 20,000,000): longer tokens are left to databind, which enforces those limits.
     */
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_STRING_LENGTH = 1_000_000;

    static {
        for (int i = 0; i < FIELDS; i++) {
            NAMES[i] = FIELD_NAMES[i].getBytes(StandardCharsets.US_ASCII);
            QUOTED_NAMES[i] = ("\"" + FIELD_NAMES[i] + "\"").getBytes(StandardCharsets.US_ASCII);
        }
        for (int len = 0; len < BY_LENGTH.length; len++) {
            final int l = len;
            BY_LENGTH[len] = java.util.stream.IntStream.range(0, FIELDS).filter(i -> NAMES[i].length == l).toArray();
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private CanonicalRecordReader() {
    }

    /** The record, or null when {@code json} is not in canonical form (or not valid). */
    static QueueIntervalRecord read(byte[] json) {
        Cursor cursor = CURSORS.get();
        try {
            return cursor.reset(json).record();
        } catch (NotCanonical | IndexOutOfBoundsException e) {
            return null; // databind answers, with its own message
        } finally {
            cursor.reset(null);
        }
    }

    /** Thrown to leave the fast path; never escapes {@link #read}. */
    private static final class NotCanonical extends RuntimeException {
        private static final NotCanonical INSTANCE = new NotCanonical();

        private NotCanonical() {
            super(null, null, false, false);
        }
    }

    private static NotCanonical notCanonical() {
        return NotCanonical.INSTANCE;
    }

    /** One pass over one document; reused by its thread (a record's fields are all set, or it is not returned). */
    private static final class Cursor {
        private byte[] b;
        private int pos;
        private final long[] longs = new long[FIELDS];
        private final Object[] objects = new Object[FIELDS];

        Cursor reset(byte[] json) {
            b = json;
            pos = 0;
            if (json == null) {
                Arrays.fill(objects, null); // do not keep the last record's texts and instants alive
            }
            return this;
        }

        QueueIntervalRecord record() {
            skipWhitespace();
            expect('{');
            skipWhitespace();
            long seen = 0;
            Arrays.fill(longs, 0); // an optional field that is absent reads as 0 …
            objects[SERVICE_LEVEL_PCT] = null; // … or as null
            objects[SL_TARGET] = null;
            objects[SERVICE_TARGET] = null;
            int field = -1;
            if (b[pos] != '}') {
                while (true) {
                    field = fieldName(field);
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    if ((seen & (1L << field)) != 0) {
                        throw notCanonical(); // a duplicate: databind decides what it means
                    }
                    seen |= 1L << field;
                    value(field);
                    skipWhitespace();
                    byte c = b[pos++];
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw notCanonical();
                    }
                    skipWhitespace();
                }
            }
            if ((seen & REQUIRED) != REQUIRED) {
                throw notCanonical(); // databind names the missing field
            }
            long[] l = longs;
            Object[] o = objects;
            return new QueueIntervalRecord((int) l[SCHEMA_VERSION], (String) o[QUEUE_ID], (String) o[QUEUE_NAME],
                    (String) o[MEDIA_TYPE], (Instant) o[INTERVAL_START], (Instant) o[INTERVAL_END],
                    (String) o[GRANULARITY], (Instant) o[FETCHED_AT], l[8], l[9], l[10], (Double) o[SERVICE_LEVEL_PCT],
                    l[12], l[13], l[14], l[15], l[16], (Double) o[SL_TARGET], l[18], l[19], l[20], l[21], l[22], l[23], l[24],
                    l[25], l[26], l[27], l[28], l[29], l[30], l[31], l[32], l[33], l[34], l[35], l[36], l[37], l[38], l[39],
                    l[40], l[41], l[42], l[43], l[44], (Double) o[SERVICE_TARGET]);
        }

        private void value(int field) {
            switch (field) {
                case QUEUE_ID, QUEUE_NAME, MEDIA_TYPE, GRANULARITY -> objects[field] = string();
                case INTERVAL_START, INTERVAL_END, FETCHED_AT -> objects[field] = instant();
                case SERVICE_LEVEL_PCT, SL_TARGET, SERVICE_TARGET -> objects[field] = nullableFloatingPoint();
                case SCHEMA_VERSION -> {
                    long v = integer(10);
                    if (v != (int) v) {
                        throw notCanonical(); // beyond an int: databind reports it
                    }
                    longs[field] = v;
                }
                default -> longs[field] = integer(19);
            }
        }

        /**
         * A known field's name (plain ASCII, no escapes), as its index. The producer writes the
         * fields in declaration order, so the one after {@code previous} is tried first.
         */
        private int fieldName(int previous) {
            int guess = previous + 1;
            if (guess < FIELDS && startsWith(QUOTED_NAMES[guess])) {
                pos += QUOTED_NAMES[guess].length;
                return guess;
            }
            expect('"');
            int start = pos;
            while (b[pos] != '"') {
                if (b[pos] == '\\' || b[pos] < 0x20) {
                    throw notCanonical();
                }
                pos++;
            }
            int len = pos - start;
            pos++;
            if (len < BY_LENGTH.length) {
                for (int candidate : BY_LENGTH[len]) {
                    if (Arrays.equals(b, start, start + len, NAMES[candidate], 0, len)) {
                        return candidate;
                    }
                }
            }
            throw notCanonical(); // unknown (or non-ASCII) names: databind skips them
        }

        /** Whether the bytes at {@code pos} are {@code token}, compared eight at a time. */
        private boolean startsWith(byte[] token) {
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
            return true;
        }

        private void skipWhitespace() {
            byte c;
            while ((c = b[pos]) == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            }
        }

        private void expect(char c) {
            if (b[pos++] != c) {
                throw notCanonical();
            }
        }

        /** A JSON string: ASCII without escapes is copied as Latin-1; anything else is decoded strictly. */
        private String string() {
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
            if (flags >= 0) {
                return STRINGS.get(b, start, end);
            }
            requireWellFormedUtf8(b, start, end);
            return STRINGS.get(b, start, end);
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
            requireWellFormedUtf8(b, from, to);
            out.append(new String(b, from, to - from, StandardCharsets.UTF_8));
        }

        /** An integer token (no fraction, no exponent) of at most {@code maxDigits} digits that fits its type. */
        private long integer(int maxDigits) {
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
        private Double nullableFloatingPoint() {
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
        private double floatingPoint() {
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

        private Instant instant() {
            expect('"');
            int start = pos;
            while (b[pos] != '"') {
                pos++;
            }
            Instant parsed = parseIsoInstant(b, start, pos - start);
            pos++;
            if (parsed == null) {
                throw notCanonical();
            }
            return parsed;
        }
    }

    /**
     * Throws unless {@code b[from, to)} is well-formed UTF-8 (RFC 3629: shortest forms, no
     * surrogates, at most U+10FFFF), the only input on which every decoder agrees.
     */
    private static void requireWellFormedUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                throw notCanonical();
            }
            if (i + need >= to) {
                throw notCanonical(); // truncated sequence
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    throw notCanonical();
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw notCanonical();
            }
            i += need + 1;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (ASCII bytes) as {@code DateTimeFormatter.ISO_INSTANT}
     * reads it, or null for any other text (including valid ISO forms this method leaves to the
     * formatter: offsets, {@code 24:00}, leap seconds, signed or 5+ digit years, an empty fraction).
     */
    static Instant parseIsoInstant(byte[] c, int off, int len) {
        if (len < 20 || len == 21 || len > 30 || c[off + len - 1] != 'Z'
                || c[off + 4] != '-' || c[off + 7] != '-' || c[off + 10] != 'T' || c[off + 13] != ':' || c[off + 16] != ':') {
            return null;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            if (c[off + 19] != '.') {
                return null;
            }
            int fractionDigits = len - 21;
            int fraction = digits(c, off + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code count} ASCII digits, or -1 if one is not a digit. */
    private static int digits(byte[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * Strings by their UTF-8 bytes (well-formed, without escapes): a direct-mapped cache, so the
     * texts that repeat in every record are decoded and held once. Entries are immutable; a
     * racing writer only replaces one entry with another, both correct.
     */
    static final class StringCache {
        private static final int MAX_LENGTH = 256;
        private final Entry[] entries;
        private final int mask;

        private record Entry(byte[] key, String value) {
        }

        StringCache(int size) {
            if (Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("StringCache: size must be a power of two (was " + size + ")");
            }
            entries = new Entry[size];
            mask = size - 1;
        }

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
}
