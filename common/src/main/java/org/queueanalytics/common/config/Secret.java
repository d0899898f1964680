package org.queueanalytics.common.config;

import java.util.Collection;
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

    /** Secrets shorter than this are not searched for by {@link #redactAll}: they would mask ordinary words. */
    static final int MIN_REDACTED_LENGTH = 4;

    /**
     * {@code text} with the value of every given secret replaced by {@code ****} — the last line
     * of defence for texts assembled from other components' messages (an exception from a
     * library that quoted a header, say) before they reach {@code /status}, {@code /readyz} or a
     * log line. Values shorter than four characters are left alone.
     */
    public static String redactAll(String text, Collection<Secret> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret secret : secrets) {
            String value = secret.value;
            if (value.length() >= MIN_REDACTED_LENGTH) {
                out = out.replace(value, "****");
                String trimmed = value.strip(); // a secret with a trailing newline may be quoted without it
                if (trimmed.length() >= MIN_REDACTED_LENGTH) {
                    out = out.replace(trimmed, "****");
                }
            }
        }
        return out;
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
