package org.queueanalytics.common.record;

import static org.queueanalytics.common.record.NotCanonical.notCanonical;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The fast path of {@link RecordJson#fromBytes}: reads a record straight from the UTF-8 bytes
 * when the JSON has the canonical shape the producer writes, and gives up (returns null) on
 * anything else, so that the caller runs the full databind reader, whose answer — a record or
 * the exception naming the field — stays the contract. Databind spends most of its time in
 * {@code DateTimeFormatter} (three instants per record) and in per-document parser set-up; this
 * reader does one pass over the bytes and allocates little more than the record itself (what
 * that buys is measured in docs/BENCHMARKS.md).
 *
 * <p>This class knows the record: its fields by name, which are required, and which token type
 * each takes; it dispatches each field to the token reader of {@link JsonCursor}, which does the
 * JSON (with {@link Utf8Validator} for strings, {@link IsoInstantParser} for instants and
 * {@link StringCache} for repeated texts).
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
 * parses with its own reusable reader.
 */
final class CanonicalRecordReader {
    private static final int FIELDS = 46;
    /** The fields every record must have: those before the ones added later to schema version 1. */
    private static final int REQUIRED_FIELDS = 26;
    private static final long REQUIRED = (1L << REQUIRED_FIELDS) - 1;
    private static final byte[][] NAMES = new byte[FIELDS][];
    /** Each name with its quotes: {@code "queue_id"}. */
    private static final byte[][] QUOTED_NAMES = new byte[FIELDS][];
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
    private static final StringCache STRINGS = new StringCache(1024);
    private static final ThreadLocal<CanonicalRecordReader> READERS = ThreadLocal.withInitial(CanonicalRecordReader::new);

    static {
        for (int i = 0; i < FIELDS; i++) {
            NAMES[i] = FIELD_NAMES[i].getBytes(StandardCharsets.US_ASCII);
            QUOTED_NAMES[i] = ("\"" + FIELD_NAMES[i] + "\"").getBytes(StandardCharsets.US_ASCII);
        }
        for (int len = 0; len < BY_LENGTH.length; len++) {
            final int l = len;
            BY_LENGTH[len] = IntStream.range(0, FIELDS).filter(i -> NAMES[i].length == l).toArray();
        }
    }

    private final JsonCursor in = new JsonCursor(STRINGS);
    /** The values read so far, by field index (a record's fields are all set, or it is not returned). */
    private final long[] longs = new long[FIELDS];
    private final Object[] objects = new Object[FIELDS];

    private CanonicalRecordReader() {
    }

    /** The record, or null when {@code json} is not in canonical form (or not valid). */
    static QueueIntervalRecord read(byte[] json) {
        CanonicalRecordReader reader = READERS.get();
        try {
            reader.in.reset(json);
            return reader.record();
        } catch (NotCanonical | IndexOutOfBoundsException e) {
            return null; // databind answers, with its own message
        } finally {
            reader.in.reset(null);
            Arrays.fill(reader.objects, null); // do not keep the last record's texts and instants alive
        }
    }

    /**
     * The instant form this reader accepts ({@link IsoInstantParser}), or null for any other
     * text; RecordJsonFastPathTest checks it against {@code DateTimeFormatter.ISO_INSTANT}.
     */
    static Instant parseIsoInstant(byte[] c, int off, int len) {
        return IsoInstantParser.parse(c, off, len);
    }

    private QueueIntervalRecord record() {
        JsonCursor in = this.in;
        in.skipWhitespace();
        in.expect('{');
        in.skipWhitespace();
        long seen = 0;
        Arrays.fill(longs, 0); // an optional field that is absent reads as 0 …
        objects[SERVICE_LEVEL_PCT] = null; // … or as null
        objects[SL_TARGET] = null;
        objects[SERVICE_TARGET] = null;
        int field = -1;
        if (in.peek() != '}') {
            while (true) {
                field = fieldName(field);
                in.skipWhitespace();
                in.expect(':');
                in.skipWhitespace();
                if ((seen & (1L << field)) != 0) {
                    throw notCanonical(); // a duplicate: databind decides what it means
                }
                seen |= 1L << field;
                value(field);
                in.skipWhitespace();
                byte c = in.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw notCanonical();
                }
                in.skipWhitespace();
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

    /** The field's value, read as the token type databind takes for it without coercion. */
    private void value(int field) {
        switch (field) {
            case QUEUE_ID, QUEUE_NAME, MEDIA_TYPE, GRANULARITY -> objects[field] = in.string();
            case INTERVAL_START, INTERVAL_END, FETCHED_AT -> objects[field] = in.instant();
            case SERVICE_LEVEL_PCT, SL_TARGET, SERVICE_TARGET -> objects[field] = in.nullableFloatingPoint();
            case SCHEMA_VERSION -> {
                long v = in.integer(10);
                if (v != (int) v) {
                    throw notCanonical(); // beyond an int: databind reports it
                }
                longs[field] = v;
            }
            default -> longs[field] = in.integer(19);
        }
    }

    /**
     * A known field's name (plain ASCII, no escapes), as its index. The producer writes the
     * fields in declaration order, so the one after {@code previous} is tried first.
     */
    private int fieldName(int previous) {
        int guess = previous + 1;
        if (guess < FIELDS && in.skip(QUOTED_NAMES[guess])) {
            return guess;
        }
        int start = in.plainString();
        int len = in.position() - 1 - start;
        if (len < BY_LENGTH.length) {
            byte[] b = in.bytes();
            for (int candidate : BY_LENGTH[len]) {
                if (Arrays.equals(b, start, start + len, NAMES[candidate], 0, len)) {
                    return candidate;
                }
            }
        }
        throw notCanonical(); // unknown (or non-ASCII) names: databind skips them
    }
}
