package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link RecordJson#fromBytes} must answer exactly what databind answers: the
 * same record for canonical input, and for everything else the databind path itself (same
 * record, or the same exception message).
 */
class RecordJsonFastPathTest {
    private static final String EXAMPLE = RecordJsonTest.DESIGN_EXAMPLE;

    @Test
    void readsWhatTheProducerWritesExactlyAsDatabindDoes() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            QueueIntervalRecord record = randomRecord(random);
            byte[] json = RecordJson.toBytes(record);
            QueueIntervalRecord fast = CanonicalRecordReader.read(json);
            assertThat(fast).as("fast path for %s", new String(json, StandardCharsets.UTF_8)).isNotNull();
            assertThat(fast).isEqualTo(record);
            if (record.schemaVersion() != QueueIntervalRecord.SCHEMA_VERSION) {
                // both readers refuse another schema version with the same message, before reading it as this one
                assertSameAnswer(json);
                assertThatThrownBy(() -> RecordJson.fromBytes(json)).isInstanceOf(UnsupportedSchemaVersionException.class);
                continue;
            }
            assertThat(fast).isEqualTo(RecordJson.fromBytesWithDatabind(json)).isEqualTo(record);
            if (record.serviceLevelPct() != null) {
                assertThat(Double.doubleToRawLongBits(fast.serviceLevelPct()))
                        .isEqualTo(Double.doubleToRawLongBits(record.serviceLevelPct()));
            }
        }
    }

    @Test
    void answersLikeDatabindForEveryVariantOfTheDesignExample() {
        List<String> variants = new ArrayList<>();
        variants.add(EXAMPLE);
        variants.add(EXAMPLE.replace("{\"schema_version\":1,", "{\"schema_version\":1,\"extra\":{\"a\":[1,{\"b\":null}]},\"x\":[],\"y\":null,"));
        variants.add(EXAMPLE.replace("\"schema_version\":1,", "") + "trailing");
        variants.add(RecordJsonTest.BEFORE_NEW_METRICS);
        variants.add(RecordJsonTest.BEFORE_NEW_METRICS.replace("\"transferred\":2}", "\"transferred\":2,\"errors\":3}"));
        variants.add(EXAMPLE + "{\"second\":1}");
        variants.add("  \n" + EXAMPLE.replace(",", " ,\n "));
        variants.add(EXAMPLE.replace("\"voice\"", "\"vo\\u0069ce \\\"q\\\" \\\\ \\n\""));
        variants.add(EXAMPLE.replace("Customer Service", "Kundenservice – Zürich 🌟 カスタマー"));
        for (String field : new String[] {"schema_version", "queue_id", "queue_name", "media_type", "interval_start",
                "interval_end", "granularity", "fetched_at", "offered", "service_level_pct", "sl_target", "transferred",
                "abandon_time_ms", "max_wait_time_ms", "voicemail_count", "service_target"}) {
            String value = valueOf(EXAMPLE, field);
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value + ",", "").replace(",\"" + field + "\":" + value, ""));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":null"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":" + value + ",\"" + field + "\":" + value));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":\"7\""));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":7"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":7.0"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":-7.25e3"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":true"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":{\"v\":1}"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":[1]"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":99999999999999999999"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":3000000000"));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":\"NaN\""));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":\"\""));
            variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field.toUpperCase() + "\":" + value));
        }
        for (String instant : new String[] {"2025-01-27T08:00:00+00:00", "2025-01-27T08:00:00.Z", "2025-02-29T00:00:00Z",
                "2024-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2025-01-27T24:00:00Z",
                "2025-12-31T23:59:60Z", "+12025-01-27T08:00:00Z", "2025-01-27t08:00:00z", " 2025-01-27T08:00:00Z",
                "2025-01-27T08:00:00Z ", "1737964800", "1737964800.5", "2025-01-27T08:00:00.123456789Z",
                "2025-01-27T08:00:00.1234567890Z", "2025-01-27T08:00Z", "2025-01-27 08:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z", "2025-1-27T08:00:00Z", "2025-01-27T08:00:00.12a4Z",
                "2025-00-10T00:00:00Z", "2025-13-10T00:00:00Z", "2025-04-31T00:00:00Z", "2025-01-00T00:00:00Z",
                "2025-01-27T08:60:00Z", "yesterday", ""}) {
            variants.add(EXAMPLE.replace("\"2025-01-27T08:00:00Z\"", "\"" + instant + "\""));
        }
        for (String field : new String[] {"interval_start", "interval_end", "fetched_at"}) {
            String value = valueOf(EXAMPLE, field);
            for (String number : new String[] {"1e400", "1737966912", "1737966912000", "1737966912.345", "-1", "0", "1E3"}) {
                variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":" + number));
                variants.add(EXAMPLE.replace("\"" + field + "\":" + value, "\"" + field + "\":\"" + number + "\""));
            }
        }
        for (String version : new String[] {"0", "2", "-1", "99999999999", "99999999999999999999999"}) {
            variants.add(EXAMPLE.replace("\"schema_version\":1", "\"schema_version\":" + version));
            variants.add(EXAMPLE.replace("\"schema_version\":1,", "\"schema_version\":" + version + ",\"new_field\":{\"x\":[1]},")
                    .replace("\"offered\":42", "\"offered\":\"many\""));
        }
        for (String text : new String[] {"\\u0041\\u00e9\\u20ac\\ud83c\\udf1f \\\" \\\\ \\/ \\b \\f \\n \\r \\t", "\\ud800 lone",
                "bad \\q escape", "short \\u12", "\\u004", "tab\tinside", "nul\u0000inside", "", "O'Brien", "Zürich – 東京 🌟",
                "\\u0000"}) {
            variants.add(EXAMPLE.replace("Customer Service", text));
            variants.add(EXAMPLE.replace("\"voice\"", "\"" + text + "\""));
        }
        variants.add(EXAMPLE.replace("\"queue_id\"", "\"\\u0071ueue_id\""));
        for (String number : new String[] {"007", "-0", "-0.0", "0.0", "1.", ".5", "1e", "1e+", "1E5", "1.5E-3", "-1.5e+300",
                "1e400", "0.30000000000000004441", "78.050000000000000000001", "4.9e-324", "9223372036854775807",
                "-9223372036854775808", "123456789012345678", "1234567890123456789", "12345678901234567890", "+1", "1 ",
                "0x10", "NaN", "Infinity", "-", "1.5.5", "00.5", "-01"}) {
            variants.add(EXAMPLE.replace("\"offered\":42", "\"offered\":" + number));
            variants.add(EXAMPLE.replace("\"service_level_pct\":78.05", "\"service_level_pct\":" + number));
            variants.add(EXAMPLE.replace("\"schema_version\":1", "\"schema_version\":" + number));
            variants.add(EXAMPLE.replace("\"service_target\":0.8", "\"service_target\":" + number));
            variants.add(EXAMPLE.replace("\"connected\":36", "\"connected\":" + number));
        }
        variants.add(EXAMPLE.replace(",", ",\t\r\n "));
        variants.add(EXAMPLE.replace(":", " :\t"));
        variants.add(EXAMPLE.replace(",", ",\f"));
        variants.add(EXAMPLE.replace("}", ",}"));
        variants.add(EXAMPLE.replace(",\"answered\"", ",,\"answered\""));
        variants.add(EXAMPLE.replace("}", ""));
        variants.add("\uFEFF" + EXAMPLE);
        variants.add("/* c */" + EXAMPLE);
        variants.add(EXAMPLE.replace(",\"answered\"", " /* c */,\"answered\""));
        variants.add("{not json");
        variants.add("[]");
        variants.add("\"text\"");
        variants.add("42");
        variants.add("{}");
        variants.add("");
        variants.add(EXAMPLE.substring(0, EXAMPLE.length() / 2));
        for (String json : variants) {
            assertSameAnswer(json.getBytes(StandardCharsets.UTF_8));
        }
        assertSameAnswer(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
        assertSameAnswer(EXAMPLE.getBytes(StandardCharsets.UTF_16BE));
        assertSameAnswer(EXAMPLE.getBytes(StandardCharsets.UTF_16LE));
        byte[][] malformed = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3, 'a'}, {(byte) 0x80}, {(byte) 0xFF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x8C, (byte) 0x9F}, {(byte) 0xC3, (byte) 0xA9}};
        byte[] example = EXAMPLE.getBytes(StandardCharsets.UTF_8);
        int at = EXAMPLE.indexOf("Customer") ;
        for (byte[] bad : malformed) {
            byte[] json = new byte[example.length + bad.length];
            System.arraycopy(example, 0, json, 0, at);
            System.arraycopy(bad, 0, json, at, bad.length);
            System.arraycopy(example, at, json, at + bad.length, example.length - at);
            assertSameAnswer(json);
        }
    }

    @Test
    void readsDoublesInAnyNotationAsDatabindDoes() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble() * 100;
                case 1 -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e4;
                default -> random.nextInt(100_000) / 1000.0;
            };
            String[] forms = {Double.toString(d), String.format(java.util.Locale.ROOT, "%.17g", d),
                String.format(java.util.Locale.ROOT, "%.3f", d), String.format(java.util.Locale.ROOT, "%.15e", d),
                new java.math.BigDecimal(d).toPlainString()};
            for (String form : forms) {
                assertSameAnswer(EXAMPLE.replace("\"service_level_pct\":78.05", "\"service_level_pct\":" + form)
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void parsesCanonicalInstantsExactlyAsIsoInstantAndNothingElse() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            String text = random.nextInt(4) == 0 ? randomCanonicalLookalike(random)
                    : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(random.nextLong() % 253_402_300_799L,
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000)));
            Instant fast = CanonicalRecordReader.parseIsoInstant(text.getBytes(StandardCharsets.UTF_8), 0, text.length());
            Instant reference;
            try {
                reference = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            } catch (RuntimeException e) {
                reference = null;
            }
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(reference);
            } else if (reference != null && text.matches("\\d{4}-\\d\\d-\\d\\dT([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?Z")) {
                fail("canonical instant left to the slow path: " + text);
            }
        }
    }

    private static void assertSameAnswer(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        Object expected;
        try {
            expected = RecordJson.fromBytesWithDatabind(json);
        } catch (InvalidRecordException e) {
            expected = e.getMessage();
        }
        Object actual;
        try {
            actual = RecordJson.fromBytes(json);
        } catch (InvalidRecordException e) {
            actual = e.getMessage();
        }
        assertThat(actual).as("answer for %s", text).isEqualTo(expected);
    }

    private static String valueOf(String json, String field) {
        int start = json.indexOf("\"" + field + "\":") + field.length() + 3;
        int end = start;
        boolean quoted = json.charAt(start) == '"';
        end++;
        while (quoted ? json.charAt(end) != '"' : (json.charAt(end) != ',' && json.charAt(end) != '}')) {
            end++;
        }
        return json.substring(start, quoted ? end + 1 : end).strip();
    }

    private static String randomCanonicalLookalike(Random random) {
        String digits = "0123456789";
        StringBuilder b = new StringBuilder();
        String shape = switch (random.nextInt(4)) {
            case 0 -> "dddd-dd-ddTdd:dd:ddZ";
            case 1 -> "dddd-dd-ddTdd:dd:dd.dddZ";
            case 2 -> "dddd-dd-ddTdd:dd:dd.dZ";
            default -> "dddd-dd-ddTdd:dd:dd.dddddddddZ";
        };
        for (char c : shape.toCharArray()) {
            b.append(c == 'd' ? digits.charAt(random.nextInt(random.nextInt(5) == 0 ? 10 : 3)) : c);
        }
        return b.toString();
    }

    private static QueueIntervalRecord randomRecord(Random random) {
        Instant start = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
        Instant fetched = Instant.ofEpochMilli(start.toEpochMilli() + random.nextInt(1_000_000));
        double pct = switch (random.nextInt(5)) {
            case 0 -> 100.0 * random.nextInt(42) / 41;
            case 1 -> random.nextDouble() * 100;
            case 2 -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
            case 3 -> random.nextInt(101);
            default -> -random.nextDouble() * 1e-300;
        };
        return QueueIntervalRecord.builder()
                .schemaVersion(random.nextInt(3) == 0 ? random.nextInt() : 1).queueId("q-" + random.nextLong())
                .queueName(random.nextBoolean() ? "Service \"Gold\" – Zürich 🌟" : "n\\" + random.nextInt()).mediaType("voice")
                .intervalStart(start).intervalEnd(start.plusSeconds(900)).granularity("PT15M").fetchedAt(fetched)
                .offered(random.nextLong()).answered(random.nextInt()).serviceLevelPct(random.nextInt(4) == 0 ? null : pct)
                .shortAbandoned(1).flowOuts(2).overSla(3).slNumerator(4).slDenominator(5)
                .slTarget(random.nextInt(4) == 0 ? null : random.nextDouble())
                .answerTimeMs(Long.MAX_VALUE).waitTimeMs(Long.MIN_VALUE).holdTimeMs(-1).acwTimeMs(7).handleTimeMs(8)
                .handleCount(9).transferred(10).abandonTimeMs(random.nextLong()).maxWaitTimeMs(random.nextInt())
                .talkCount(11).holdCount(12).acwCount(13).alertTimeMs(14).alertCount(15).notRespondingTimeMs(16)
                .notRespondingCount(17).connected(18).acdTimeMs(19).acdCount(20).consults(21).consultTransferred(22)
                .blindTransferred(23).outbound(24).errors(25).voicemailTimeMs(26).voicemailCount(27)
                .serviceTarget(random.nextBoolean() ? null : random.nextDouble())
                .build();
    }
}
