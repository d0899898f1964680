package org.queueanalytics.emulator.faults;

import java.util.Arrays;
import java.util.Locale;

/**
 * A 200 answer whose body is not what the endpoint documents — what a proxy that cuts answers
 * short, or a Genesys incident, can deliver. A client must not read any of these as data.
 */
public enum BrokenAnswer {
    /** No body at all (zero bytes). */
    EMPTY(""),
    /** JSON cut off in the middle: not parseable. */
    TRUNCATED("{\"results\":[{\"group\":{\"queueId\":"),
    /**
     * Valid JSON of the wrong shape for both API endpoints: {@code results} is not an array, and
     * there is neither {@code entities} nor {@code pageCount}.
     */
    WRONG_SHAPE("{\"pageNumber\":1,\"results\":{}}");

    private final String body;

    BrokenAnswer(String body) {
        this.body = body;
    }

    /** The exact body sent, with status 200. */
    public String body() {
        return body;
    }

    /** {@code empty}, {@code truncated}, {@code wrong-shape}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BrokenAnswer fromWireName(String name) {
        for (BrokenAnswer kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("broken answer kind must be one of "
                + Arrays.stream(values()).map(BrokenAnswer::wireName).toList() + ", got \"" + name + "\"");
    }
}
