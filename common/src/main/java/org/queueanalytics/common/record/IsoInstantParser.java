package org.queueanalytics.common.record;

import java.time.Instant;

/**
 * The one instant form the producer writes, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read from
 * ASCII bytes without allocating more than the {@link Instant}, exactly as
 * {@code DateTimeFormatter.ISO_INSTANT} reads it. Any other text is null: also the valid ISO
 * forms left to the formatter (offsets, {@code 24:00}, leap seconds, signed or 5+ digit years,
 * an empty fraction), and invalid dates (February 29 outside leap years, April 31, month 13).
 */
final class IsoInstantParser {
    private IsoInstantParser() {
    }

    /** The instant written in {@code c[off, off + len)}, or null when it is not in the form above. */
    static Instant parse(byte[] c, int off, int len) {
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
}
