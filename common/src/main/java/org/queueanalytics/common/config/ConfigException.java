package org.queueanalytics.common.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, each naming its key
 * (e.g. {@code analytics.interval: must be an ISO-8601 duration such as PT30M}), never a secret value.
 */
public final class ConfigException extends Exception {
    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super("invalid configuration: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
