package org.queueanalytics.consumer.clickhouse.schema;

import java.util.Set;

/**
 * Which existing column types can hold what the consumer writes into a column it would have
 * created as {@code expected}. Deliberately lenient where the values fit (wider integers,
 * {@code Nullable}, {@code LowCardinality}, a DateTime with a time zone) and strict where
 * they would wrap or lose precision silently (narrower integers, Float32, FixedString).
 */
final class ColumnTypes {
    private static final Set<String> HOLDS_INT32 = Set.of("Int32", "Int64", "UInt32", "UInt64", "Int128", "Int256", "UInt128", "UInt256");
    private static final Set<String> HOLDS_UINT64 = Set.of("UInt64", "Int64", "UInt128", "Int128", "UInt256", "Int256");

    private ColumnTypes() {
    }

    static boolean compatible(String expected, String actual) {
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
