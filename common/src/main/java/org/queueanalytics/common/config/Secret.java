package org.queueanalytics.common.config;

import java.util.Objects;

/**
 * A secret string (client secret, password, token). Its {@link #toString()} never reveals the
 * value, so a secret that ends up in a log line, an exception message or a {@code /status}
 * answer stays hidden. Call {@link #reveal()} only where the value goes on the wire.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : "****";
    }
}
