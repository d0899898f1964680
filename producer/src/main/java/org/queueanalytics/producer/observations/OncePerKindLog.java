package org.queueanalytics.producer.observations;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs each kind of snapshot problem once, not once per snapshot: at 15 s a Genesys or Kafka outage
 * would otherwise write four identical lines a minute. The first occurrence of a kind is logged;
 * repeats are logged at DEBUG; once a snapshot completes again, that is logged once and every kind
 * may be logged again. Used by one thread (the poller's).
 */
final class OncePerKindLog {
    private final Logger log;
    private final Set<String> seen = new LinkedHashSet<>();

    OncePerKindLog(Logger log) {
        this.log = log;
    }

    /** A problem of {@code kind}: WARN the first time (with {@code cause}'s stack trace when given), DEBUG after. */
    void warn(String kind, String message, Throwable cause) {
        if (seen.add(kind)) {
            if (cause == null) {
                log.warn(message);
            } else {
                log.warn(message, cause);
            }
        } else {
            log.debug(message);
        }
    }

    /** Like {@link #warn}, at INFO: an expected condition (no budget slot, no queue list yet). */
    void info(String kind, String message) {
        if (seen.add(kind)) {
            log.info(message);
        } else {
            log.debug(message);
        }
    }

    /** A snapshot completed: says so once when problems were logged, and forgets them. */
    void recovered(String message) {
        if (!seen.isEmpty()) {
            log.info(message + " (after: " + String.join(", ", seen) + ")");
            seen.clear();
        }
    }
}
