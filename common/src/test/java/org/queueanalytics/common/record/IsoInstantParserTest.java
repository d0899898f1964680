package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IsoInstantParserTest {

    @Test
    void readsFebruaryTheTwentyNinthOnlyInLeapYears() {
        for (String leap : new String[] {"2024", "2000", "1600", "0000", "0004", "9996"}) {
            assertReadAsIsoInstant(leap + "-02-29T00:00:00Z");
        }
        for (String common : new String[] {"2025", "2100", "1900", "1700", "0001", "9999"}) {
            assertNotRead(common + "-02-29T00:00:00Z");
            assertReadAsIsoInstant(common + "-02-28T23:59:59Z");
        }
    }

    @Test
    void readsEveryDayOfEightCenturiesAsTheJdkDoes() {
        for (LocalDate day = LocalDate.of(1600, 1, 1); day.getYear() <= 2400; day = day.plusDays(1)) {
            String text = day + "T12:34:56Z";
            assertThat(parse(text)).as(text).isEqualTo(day.atTime(12, 34, 56).toInstant(ZoneOffset.UTC));
        }
    }

    @Test
    void readsOneToNineFractionDigitsAsNanoseconds() {
        assertThat(parse("2025-01-27T08:00:00.5Z").getNano()).isEqualTo(500_000_000);
        assertThat(parse("2025-01-27T08:00:00.05Z").getNano()).isEqualTo(50_000_000);
        assertThat(parse("2025-01-27T08:00:00.123Z").getNano()).isEqualTo(123_000_000);
        assertThat(parse("2025-01-27T08:00:00.000001Z").getNano()).isEqualTo(1_000);
        assertThat(parse("2025-01-27T08:00:00.123456789Z").getNano()).isEqualTo(123_456_789);
        assertThat(parse("2025-01-27T08:00:00.000000000Z")).isEqualTo(Instant.parse("2025-01-27T08:00:00Z"));
        String nine = "2025-01-27T08:00:00.";
        for (int digits = 1; digits <= 9; digits++) {
            nine += digits;
            assertReadAsIsoInstant(nine + "Z");
        }
    }

    @Test
    void leavesAnEmptyOrTenDigitFractionOrAnotherSeparatorToTheFormatter() {
        assertNotRead("2025-01-27T08:00:00.Z", "2025-01-27T08:00:00.1234567890Z", "2025-01-27T08:00:00,5Z",
                "2025-01-27T08:00:00.12a4Z", "2025-01-27T08:00:00.-1Z");
    }

    @Test
    void leavesOffsetsToTheFormatterEvenTheZeroOne() {
        assertNotRead("2025-01-27T08:00:00+00:00", "2025-01-27T08:00:00+01:00", "2025-01-27T08:00:00-05:00",
                "2025-01-27T08:00:00.5+00:00", "2025-01-27T08:00:00z", "2025-01-27T08:00:00");
    }

    @Test
    void refusesFieldsOutOfRange() {
        assertNotRead("2025-00-10T00:00:00Z", "2025-13-10T00:00:00Z", "2025-01-00T00:00:00Z", "2025-01-32T00:00:00Z",
                "2025-04-31T00:00:00Z", "2025-06-31T00:00:00Z", "2025-09-31T00:00:00Z", "2025-11-31T00:00:00Z",
                "2025-01-27T24:00:00Z", "2025-01-27T08:60:00Z", "2025-12-31T23:59:60Z", "2025-01-27T99:00:00Z");
    }

    @Test
    void leavesYearsOutsideFourDigitsAndOtherShapesToTheFormatter() {
        assertNotRead("+12025-01-27T08:00:00Z", "-2025-01-27T08:00:00Z", "12025-01-27T08:00:00Z", "2025-1-27T08:00:00Z",
                "2025-01-27 08:00:00Z", "2025-01-27t08:00:00Z", "2025-01-27T08:00Z", "2025/01/27T08:00:00Z",
                " 2025-01-27T08:00:00Z", "1737964800", "", "yesterday", "2025-01-27T08:00:0xZ");
    }

    @Test
    void readsTheEndsOfTheRangeAndInstantsBeforeTheEpoch() {
        assertReadAsIsoInstant("0000-01-01T00:00:00Z");
        assertReadAsIsoInstant("9999-12-31T23:59:59.999999999Z");
        assertThat(parse("1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(parse("1969-12-31T23:59:59.5Z")).isEqualTo(Instant.ofEpochSecond(-1, 500_000_000));
    }

    @Test
    void readsOnlyTheGivenSliceOfALargerBuffer() {
        byte[] b = "xx\"2025-01-27T08:00:00.25Z\"yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(IsoInstantParser.parse(b, 3, 23)).isEqualTo(Instant.parse("2025-01-27T08:00:00.25Z"));
        assertThat(IsoInstantParser.parse(b, 3, 22)).isNull();
    }

    private static Instant parse(String text) {
        return IsoInstantParser.parse(text.getBytes(StandardCharsets.US_ASCII), 0, text.length());
    }

    private static void assertReadAsIsoInstant(String text) {
        assertThat(parse(text)).as(text).isEqualTo(Instant.parse(text));
    }

    private static void assertNotRead(String... texts) {
        for (String text : texts) {
            assertThat(parse(text)).as(text).isNull();
        }
    }
}
