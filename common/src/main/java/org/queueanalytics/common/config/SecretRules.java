package org.queueanalytics.common.config;

import java.net.URI;

/**
 * The rules every secret (and every value that travels in an HTTP header) obeys at load, and the
 * redaction of URLs for messages, logs and {@code /status}. Messages built here name the key and
 * never contain the value.
 */
public final class SecretRules {
    /** The problem text for a value with a control character; the value itself is never shown. */
    static final String CONTROL_CHARACTER = "contains a control character, e.g. a trailing newline from a mounted file; "
            + "write the value without it (printf '%s' instead of echo) — it is not shown here";

    private SecretRules() {
    }

    /**
     * Whether {@code value} holds a control character (U+0000–U+001F, U+007F–U+009F), such as
     * the newline {@code echo} leaves at the end of a file-mounted secret.
     *
     * <p>Such a value is rejected, not silently stripped: an HTTP header cannot carry it (and the
     * JDK's exception would quote it into logs and answers), and stripping would hide a broken
     * secret source that other readers of the same file or variable may still get wrong — the
     * operator must fix the source once.
     */
    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code url} with any user info replaced by {@code ***}: safe for errors, logs and {@code /status}. */
    public static String redact(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : redact(url.toString());
    }

    /** Text of a URL (possibly malformed) with anything between {@code ://} and an {@code @} replaced by {@code ***}. */
    public static String redact(String urlText) {
        return urlText.replaceAll("(?<=://)[^/?#]*@", "***@");
    }
}
