package org.queueanalytics.common.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the consumer does when ClickHouse answers an INSERT with an error: the actions of the
 * error policy (README "Error policy"), by ClickHouse error code.
 */
public enum ClickHouseErrorAction {
    /** ClickHouse (or the way to it) is unhealthy: back off and send the same rows again; never split, never dead-letter. */
    RETRY("retry"),
    /** The rows themselves are refused: split the batch until the bad rows are alone and send those to the DLQ. */
    DEAD_LETTER("dead-letter"),
    /** The consumer is configured wrongly (credentials, table, rights): log once and exit 1 for an operator. */
    HALT("halt");

    private final String configName;

    ClickHouseErrorAction(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static ClickHouseErrorAction fromConfig(String text) {
        return Arrays.stream(values())
                .filter(a -> a.configName.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown error action " + text));
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ClickHouseErrorAction::configName).collect(Collectors.joining(", "));
    }
}
