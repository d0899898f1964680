package org.queueanalytics.consumer.clickhouse.schema;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which existing column types can hold what the consumer writes into a column it would have
 * created as {@code expected}. Deliberately lenient where the values fit (wider integers,
 * {@code Nullable}, {@code LowCardinality}, a DateTime with a time zone) and strict where
 * they would wrap or lose precision silently (narrower integers, Float32, FixedString).
 */
final class ColumnTypes {
    private static final Set<String> HOLDS_INT32 = Set.of("Int32", "Int64", "UInt32", "UInt64", "Int128", "Int256", "UInt128", "UInt256");
    private static final Set<String> HOLDS_UINT64 = Set.of("UInt64", "Int64", "UInt128", "Int128", "UInt256", "Int256");

    /** Names under which ClickHouse (tzdata) knows UTC. */
    private static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
            "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich");
    private static final Pattern TIME_ZONE_PARAMETER = Pattern.compile("^DateTime(?:64)?\\((?:\\s*\\d+\\s*,)?\\s*'([^']+)'\\s*\\)$");

    private ColumnTypes() {
    }

    /** The time zone a DateTime column reads text in: its own {@code DateTime('tz')}, else the server's. */
    static String effectiveTimeZone(String type, String serverTimeZone) {
        Matcher m = TIME_ZONE_PARAMETER.matcher(unwrap(type.strip()));
        return m.matches() ? m.group(1) : serverTimeZone;
    }

    static boolean isUtc(String timeZone) {
        return UTC_NAMES.contains(timeZone);
    }

    static boolean compatible(String expected, String actual) {
        if (expected.startsWith("Nullable(")) {
            // NULL must stay NULL: a non-Nullable column would store it as 0 (or refuse the row)
            return actual.strip().startsWith("Nullable(") && compatible(unwrap(expected), actual);
        }
        String t = unwrap(actual.strip());
        return switch (expected) {
            case "String" -> t.equals("String");
            case "Int32" -> HOLDS_INT32.contains(t);
            case "UInt64" -> HOLDS_UINT64.contains(t);
            case "Float64" -> t.equals("Float64");
            case "DateTime" -> t.equals("DateTime") || t.startsWith("DateTime(") || t.startsWith("DateTime64(");
            default -> t.equals(expected);
        };
    }

    /** Strips {@code Nullable(…)} and {@code LowCardinality(…)} wrappers. */
    private static String unwrap(String type) {
        for (String wrapper : new String[] {"Nullable(", "LowCardinality("}) {
            if (type.startsWith(wrapper) && type.endsWith(")")) {
                return unwrap(type.substring(wrapper.length(), type.length() - 1));
            }
        }
        return type;
    }
}
