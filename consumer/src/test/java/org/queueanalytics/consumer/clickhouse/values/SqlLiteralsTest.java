package org.queueanalytics.consumer.clickhouse.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

class SqlLiteralsTest {

    @Test
    void leavesPlainTextAlone() {
        assertThat(string("Customer Service 42")).isEqualTo("'Customer Service 42'");
        assertThat(string("")).isEqualTo("''");
    }

    @Test
    void escapesQuotesAndBackslashes() {
        assertThat(string("O'Brien")).isEqualTo("'O\\'Brien'");
        assertThat(string("C:\\queues\\")).isEqualTo("'C:\\\\queues\\\\'");
        assertThat(string("\\'")).isEqualTo("'\\\\\\''");
    }

    @Test
    void usesShortEscapesForNewlineTabCarriageReturnAndNul() {
        assertThat(string("a\nb\tc\rd\0e")).isEqualTo("'a\\nb\\tc\\rd\\0e'");
    }

    @Test
    void writesOtherControlCharactersAndDeleteAsHexEscapes() {
        assertThat(string("\u0001\u0008\u000b\u000c\u001b\u001f\u007f")).isEqualTo("'\\x01\\x08\\x0b\\x0c\\x1b\\x1f\\x7f'");
    }

    @Test
    void passesUnicodeAndEmojiThroughAsUtf8() {
        String text = "Kundenservice – Zürich ✓ 日本語 🙂👩🏽‍💻";
        assertThat(string(text)).isEqualTo("'" + text + "'");
        assertThat(bytes(s -> SqlLiterals.writeString(s, text))).isEqualTo(("'" + text + "'").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replacesUnpairedSurrogatesWithTheReplacementCharacter() {
        assertThat(string("a\ud83db\ude42c")).isEqualTo("'a\ufffdb\ufffdc'");
        assertThat(string("end\ud83d")).isEqualTo("'end\ufffd'");
    }

    @Test
    void keepsSqlFragmentsInsideTheLiteral() {
        assertThat(string("x'); DROP TABLE analytics.queue_analytics; --"))
                .isEqualTo("'x\\'); DROP TABLE analytics.queue_analytics; --'");
        assertThat(string("\\'); SELECT 1 /*")).isEqualTo("'\\\\\\'); SELECT 1 /*'");
    }

    @Test
    void escapesRandomTextSoThatNoQuoteEndsTheLiteralEarly() {
        Random random = new Random(7);
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                sb.append((char) random.nextInt(0x100));
            }
            assertThat(unescape(string(sb.toString()))).isEqualTo(sb.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0, '1970-01-01 00:00:00'",
            "1737964800, '2025-01-27 08:00:00'",
            "951782400, '2000-02-29 00:00:00'",
            "4107542399, '2100-02-28 23:59:59'",
            "4291747199, '2105-12-31 23:59:59'",
            "86399, '1970-01-01 23:59:59'"})
    void writesDateTimesInUtc(long epochSecond, String expected) {
        assertThat(text(s -> SqlLiterals.writeDateTime(s, epochSecond))).isEqualTo("'" + expected + "'");
    }

    @Test
    void writesDateTimesLikeJavaTimeOverTwoCenturies() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("''yyyy-MM-dd HH:mm:ss''");
        Random random = new Random(3);
        for (int n = 0; n < 20_000; n++) {
            long second = Math.floorMod(random.nextLong(), 4_291_747_200L);
            String expected = LocalDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC).format(format);
            assertThat(text(s -> SqlLiterals.writeDateTime(s, second))).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "7, 7", "-42, -42", "2147483647, 2147483647", "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808", "10, 10", "1000000, 1000000"})
    void writesIntegersPlain(long value, String expected) {
        assertThat(text(s -> SqlLiterals.writeLong(s, value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"78.05, 78.049999999999997", "0.8, 0.80000000000000004", "1.14, 1.1399999999999999",
            "78.04878048780488, 78.048780487804876", "0.05, 0.050000000000000003", "99.99, 99.989999999999995",
            "1234567.01, 1234567.01", "-1.5, -1.5", "0.015, 0.014999999999999999", "123456789012.34, 123456789012.34",
            "0.30000000000000004, 0.30000000000000004", "2.5, 2.5"})
    void writesSeventeenSignificantDigitsLikePrintfG17(double value, String expected) {
        assertThat(text(s -> SqlLiterals.writeDouble(s, value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "100, 100", "42, 42", "-7, -7", "9007199254740991, 9007199254740991"})
    void writesIntegralDoublesAsIntegers(double value, String expected) {
        assertThat(text(s -> SqlLiterals.writeDouble(s, value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {78.04878048780488, 0.1 + 0.2, 1e-5, 1e300, -0.0, Double.MIN_NORMAL, Double.MAX_VALUE, 2.5e-3,
            1.0 / 3, 9.007199254740993e13, 123456789012.34, 0.01, 0.009999999999999998, 1e15 - 0.5, 9.999999999999999e14,
            Double.MIN_VALUE, 0x1p53 + 2})
    void writesOtherDoublesSoTheyParseBackExactly(double value) {
        String written = text(s -> SqlLiterals.writeDouble(s, value));
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(written))).as(written)
                .isEqualTo(Double.doubleToRawLongBits(value));
    }

    @Test
    void agreesWithBigDecimalRoundingOnRandomDoubles() {
        Random random = new Random(11);
        MathContext seventeen = new MathContext(17, RoundingMode.HALF_EVEN);
        for (int n = 0; n < 300_000; n++) {
            double value = switch (n % 4) {
                case 0 -> random.nextDouble() * 100;
                case 1 -> Math.round(random.nextDouble() * 10_000) / 100.0;
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(17) - 2);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(value)) {
                continue;
            }
            String written = text(s -> SqlLiterals.writeDouble(s, value));
            assertThat(Double.parseDouble(written)).as(written).isEqualTo(value);
            assertThat(new BigDecimal(written)).as("%s for %s", written, value)
                    .isEqualByComparingTo(new BigDecimal(value).round(seventeen));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesNonFiniteDoubles(double value) {
        assertThatThrownBy(() -> text(s -> SqlLiterals.writeDouble(s, value))).isInstanceOf(IllegalArgumentException.class);
    }

    static String string(String value) {
        return text(s -> SqlLiterals.writeString(s, value));
    }

    static String text(Consumer<ByteSink> writer) {
        return new String(bytes(writer), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Consumer<ByteSink> writer) {
        ByteSink sink = new ByteSink(16, 1024);
        writer.accept(sink);
        return sink.toByteArray();
    }

    /** The reading side of the escapes (what ClickHouse does for these), for round-trip checks. */
    static String unescape(String literal) {
        assertThat(literal).startsWith("'").endsWith("'").hasSizeGreaterThanOrEqualTo(2);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            assertThat(c).as("unescaped quote at %d in %s", i, literal).isNotEqualTo('\'');
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case '\\', '\'' -> sb.append(e);
                case 'x' -> {
                    sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new AssertionError("unexpected escape \\" + e + " in " + literal);
            }
        }
        return sb.toString();
    }
}
