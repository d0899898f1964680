package org.queueanalytics.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, declared access to one JSON object of the configuration file. Every key read is
 * recorded, so {@link #rejectUnknownKeys()} can name any key the file has but nobody declared.
 * Problems are collected in a shared list (not thrown) so that one pass reports all of them.
 */
final class ConfigSection {
    private final String path;
    private final ObjectNode node;
    private final List<String> errors;
    private final Set<String> declared = new LinkedHashSet<>();
    private final Map<String, String> overriddenBy;

    ConfigSection(String path, JsonNode node, List<String> errors) {
        this(path, node, errors, Map.of());
    }

    /** @param overriddenBy dotted key → the environment variable whose value replaced the file's (named in errors) */
    ConfigSection(String path, JsonNode node, List<String> errors, Map<String, String> overriddenBy) {
        this.path = path;
        this.errors = errors;
        this.overriddenBy = Map.copyOf(overriddenBy);
        if (node == null || node.isNull() || node.isMissingNode()) {
            this.node = JsonNodeFactory.instance.objectNode();
        } else if (node.isObject()) {
            this.node = (ObjectNode) node;
        } else {
            errors.add(path + ": must be a JSON object");
            this.node = JsonNodeFactory.instance.objectNode();
        }
    }

    ConfigSection section(String key) {
        return new ConfigSection(key(key), raw(key), errors, overriddenBy);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String string(String key, String defaultValue) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            return fail(key, "must be a string", defaultValue);
        }
        return value.textValue();
    }

    Secret secret(String key) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return Secret.empty();
        }
        if (!value.isTextual()) {
            return fail(key, "must be a string", Secret.empty());
        }
        if (SecretRules.hasControlCharacter(value.textValue())) {
            // the value stays wrapped (so no second "is required" error); the load fails on this error
            return fail(key, SecretRules.CONTROL_CHARACTER, Secret.of(value.textValue()));
        }
        return Secret.of(value.textValue());
    }

    /**
     * A string that identifies a credential or travels in an HTTP header (a client id, a user
     * name): like {@link #string}, but a control character is an error that never shows the value.
     */
    String credential(String key, String defaultValue) {
        String value = string(key, defaultValue);
        if (value != null && SecretRules.hasControlCharacter(value)) {
            return fail(key, SecretRules.CONTROL_CHARACTER, value); // the load fails on this error
        }
        return value;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            return fail(key, "must be true or false", defaultValue);
        }
        return value.booleanValue();
    }

    long integer(String key, long defaultValue, long min, long max) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            return fail(key, "must be a whole number", defaultValue);
        }
        long v = value.longValue();
        if (v < min || v > max) {
            return fail(key, "must be between " + min + " and " + max + " (was " + v + ")", defaultValue);
        }
        return v;
    }

    Duration seconds(String key, Duration defaultValue, long minSeconds, long maxSeconds) {
        return Duration.ofSeconds(integer(key, defaultValue.toSeconds(), minSeconds, maxSeconds));
    }

    Duration isoDuration(String key, Duration defaultValue) {
        return parsed(key, defaultValue, Duration::parse, "must be an ISO-8601 duration such as PT30M");
    }

    Instant instant(String key) {
        return parsed(key, null, Instant::parse, "must be an ISO-8601 UTC instant such as 2024-01-01T00:00:00Z");
    }

    URI uri(String key, URI defaultValue) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            return fail(key, "must be an http(s) URL such as https://api.mypurecloud.com", defaultValue);
        }
        URI uri = parseUri(key, value.textValue(), "https://api.mypurecloud.com");
        return uri == null ? defaultValue : uri;
    }

    boolean isArray(String key) {
        JsonNode value = node.get(key);
        return value != null && value.isArray();
    }

    /**
     * Parses one http(s) URL that belongs to {@code key}; {@code null} (and an error) when it is not
     * one, or when it carries credentials ({@code user:password@}): those belong in their own keys,
     * where they are treated as secrets. Errors show the URL with its user info replaced by {@code ***}.
     */
    URI parseUri(String key, String text, String example) {
        URI uri;
        try {
            uri = httpUri(text.trim());
        } catch (IllegalArgumentException e) {
            errors.add(label(key) + ": must be an http(s) URL such as " + example + " (was \"" + SecretRules.redact(text) + "\")");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(label(key) + ": must not carry credentials (was \"" + SecretRules.redact(uri) + "\"); "
                    + credentialKeys(key));
            return null;
        }
        return uri;
    }

    private String credentialKeys(String key) {
        return "clickhouse.url".equals(key(key))
                ? "give them as clickhouse.username and clickhouse.password (or CLICKHOUSE_PASSWORD)"
                : "remove the user info from the URL";
    }

    List<String> strings(String key) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            return fail(key, "must be a JSON array of strings", List.of());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                errors.add(key(key) + "[" + i + "]: must be a non-empty string");
            } else {
                out.add(item.textValue());
            }
        }
        return List.copyOf(out);
    }

    /** A JSON object whose values are all strings, in file order; a non-string value is an error named by its key. */
    Map<String, String> stringMap(String key) {
        JsonNode value = raw(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            return fail(key, "must be a JSON object", out);
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                errors.add(key(key) + "." + e.getKey() + ": must be a string");
            }
        }
        return out;
    }

    <T extends Enum<T>> T enumValue(String key, T defaultValue, Function<String, T> parser, String allowed) {
        return parsed(key, defaultValue, parser, "must be one of " + allowed);
    }

    /**
     * Builds the section's record; an invariant its compact constructor rejects becomes one more
     * collected error (the constructor's message names the key) and the result is {@code null}.
     */
    <T> T build(java.util.function.Supplier<T> constructor) {
        rejectUnknownKeys();
        try {
            return constructor.get();
        } catch (InvalidSettingsException e) {
            errors.addAll(e.problems());
            return null;
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    /** Records a problem about {@code key} found by a cross-field check. */
    void error(String key, String message) {
        errors.add(label(key) + ": " + message);
    }

    void rejectUnknownKeys() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!declared.contains(name)) {
                errors.add(key(name) + ": unknown key (known keys: " + String.join(", ", declared) + ")");
            }
        }
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private <T> T parsed(String key, T defaultValue, Function<String, T> parser, String expectation) {
        JsonNode value = raw(key);
        if (value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            return fail(key, expectation, defaultValue);
        }
        try {
            return parser.apply(value.textValue().trim());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return fail(key, expectation + " (was \"" + value.textValue() + "\")", defaultValue);
        }
    }

    private JsonNode raw(String key) {
        declared.add(key);
        JsonNode value = node.get(key);
        return value == null ? NullNode.getInstance() : value;
    }

    private <T> T fail(String key, String message, T fallback) {
        errors.add(label(key) + ": " + message);
        return fallback;
    }

    /** The dotted key for an error, with the environment variable that set it, e.g. {@code clickhouse.password (from CLICKHOUSE_PASSWORD)}. */
    private String label(String name) {
        String key = key(name);
        String variable = overriddenBy.get(key);
        return variable == null ? key : key + " (from " + variable + ")";
    }

    private static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
