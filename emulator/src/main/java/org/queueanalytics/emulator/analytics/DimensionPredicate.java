package org.queueanalytics.emulator.analytics;

import java.util.Map;

/** {@code {"type":"dimension","dimension":…,"operator":"matches"|"exists"|"notExists","value":…}}. */
public record DimensionPredicate(String dimension, String operator, String value) {
    public static final String MATCHES = "matches";
    public static final String EXISTS = "exists";
    public static final String NOT_EXISTS = "notExists";

    boolean matches(Map<String, String> dimensions) {
        String actual = dimensions.get(dimension);
        return switch (operator) {
            case EXISTS -> actual != null;
            case NOT_EXISTS -> actual == null;
            default -> value.equals(actual);
        };
    }
}
