package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The token readers one at a time; RecordJsonFastPathTest checks them together against
 * databind. Every token here is followed by a byte ({@code ,}), as in a record.
 */
class JsonCursorTest {

    @Test
    void readsIntegersUpToTheLimitsOfALong() {
        assertThat(cursor("0,").integer(19)).isZero();
        assertThat(cursor("-7,").integer(19)).isEqualTo(-7);
        assertThat(cursor("123456789012345678,").integer(19)).isEqualTo(123_456_789_012_345_678L);
        assertThat(cursor("9223372036854775807,").integer(19)).isEqualTo(Long.MAX_VALUE);
        assertThat(cursor("-9223372036854775808,").integer(19)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void refusesIntegersDatabindWouldRefuseOrCoerce() {
        for (String token : new String[] {"9223372036854775808,", "-9223372036854775809,", "12345678901234567890,", "007,",
                "-0,", "00,", "+1,", "-,", "1.0,", "1e3,", "1E3,", ",", "null,", "\"7\","}) {
            assertNotCanonical(token, c -> c.integer(19));
        }
        assertNotCanonical("12345678901,", c -> c.integer(10));
        assertThat(cursor("1234567890,").integer(10)).isEqualTo(1_234_567_890L);
    }

    @Test
    void readsFloatingPointNumbersAsDoubleParseDoubleDoes() {
        for (String token : new String[] {"78.05", "0.1", "-0.0", "0.30000000000000004441", "4.9e-324", "1.5E-3", "-1.5e+300",
                "1e400", "2E0", "123456789012345.6", "1234567890123456.7", "0.0000000000000000000001"}) {
            double read = cursor(token + ",").floatingPoint();
            assertThat(Double.doubleToRawLongBits(read)).as(token)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(token)));
        }
        assertThat(cursor("null,").nullableFloatingPoint()).isNull();
        assertThat(cursor("0.8,").nullableFloatingPoint()).isEqualTo(0.8);
    }

    @Test
    void refusesIntegersAndMalformedNumbersWhereAFractionOrExponentIsRequired() {
        for (String token : new String[] {"7,", "-7,", "1.,", ".5,", "00.5,", "-01.5,", "1e,", "1e+,", "NaN,", "Infinity,",
                "nul,", "\"0.5\",", "1" + "0".repeat(JsonCursor.MAX_NUMBER_LENGTH) + ".5,"}) {
            assertNotCanonical(token, JsonCursor::nullableFloatingPoint);
        }
    }

    @Test
    void readsStringsWithEveryEscapeAndAnyWellFormedUtf8() {
        assertThat(cursor("\"voice\",").string()).isEqualTo("voice");
        assertThat(cursor("\"\",").string()).isEmpty();
        assertThat(cursor("\"Zürich – 東京 🌟\",").string()).isEqualTo("Zürich – 東京 🌟");
        assertThat(cursor("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\",").string()).isEqualTo("\" \\ / \b \f \n \r \t");
        assertThat(cursor("\"\\u0041\\u00e9\\u20AC\\ud83c\\udf1f é\",").string()).isEqualTo("Aé€🌟 é");
    }

    @Test
    void returnsRepeatedPlainStringsAsOneInstance() {
        StringCache cache = new StringCache(8);
        String first = new JsonCursor(cache).reset(bytes("\"PT15M\",")).string();
        String second = new JsonCursor(cache).reset(bytes("\"PT15M\",")).string();
        assertThat(first).isSameAs(second);
    }

    @Test
    void refusesMalformedStrings() {
        for (String token : new String[] {"\"bad \\q escape\",", "\"short \\u12\",", "\"tab\tinside\",", "\"nul\u0000\",", "voice,"}) {
            assertNotCanonical(token, JsonCursor::string);
        }
        assertNotCanonical(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"', ','}, JsonCursor::string);
        assertNotCanonical(new byte[] {'"', '\\', 'n', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ','}, JsonCursor::string);
    }

    @Test
    void readsInstantsInTheCanonicalFormOnly() {
        assertThat(cursor("\"2025-01-27T08:00:00.25Z\",").instant()).isEqualTo(Instant.parse("2025-01-27T08:00:00.25Z"));
        assertNotCanonical("\"2025-01-27T08:00:00+00:00\",", JsonCursor::instant);
        assertNotCanonical("1737964800,", JsonCursor::instant);
    }

    @Test
    void skipsATokenOnlyWhenEveryByteMatches() {
        byte[] name = bytes("\"service_level_pct\"");
        JsonCursor c = cursor("\"service_level_pcx\":1,\"service_level_pct\":2");
        assertThat(c.skip(name)).isFalse();
        assertThat(c.position()).isZero();
        int start = c.plainString();
        assertThat(new String(c.bytes(), start, c.position() - 1 - start, StandardCharsets.US_ASCII)).isEqualTo("service_level_pcx");
        c.expect(':');
        assertThat(c.integer(19)).isEqualTo(1);
        c.expect(',');
        assertThat(c.skip(name)).isTrue();
        assertThat(c.next()).isEqualTo((byte) ':');
        assertThat(cursor("\"service_level\"").skip(name)).isFalse();
    }

    @Test
    void refusesEscapedOrNonAsciiNames() {
        assertNotCanonical("\"\\u0071ueue_id\":", JsonCursor::plainString);
        assertNotCanonical("\"qüeue\":", JsonCursor::plainString);
    }

    @Test
    void skipsOnlyJsonWhitespace() {
        JsonCursor c = cursor(" \t\r\n\f");
        c.skipWhitespace();
        assertThat(c.peek()).isEqualTo((byte) '\f');
    }

    @Test
    void readingPastTheEndIsAnIndexError() {
        assertThatThrownBy(() -> cursor("12").integer(19)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> cursor("\"open").string()).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonCursor cursor(String json) {
        return new JsonCursor(new StringCache(16)).reset(bytes(json));
    }

    private static void assertNotCanonical(String json, Function<JsonCursor, ?> read) {
        assertNotCanonical(bytes(json), read);
    }

    private static void assertNotCanonical(byte[] json, Function<JsonCursor, ?> read) {
        JsonCursor c = new JsonCursor(new StringCache(16)).reset(json);
        assertThatThrownBy(() -> read.apply(c)).as(new String(json, StandardCharsets.UTF_8)).isInstanceOf(NotCanonical.class);
    }
}
