package org.queueanalytics.common.reload;

import java.util.List;

/** What a reload request came to. */
public sealed interface ReloadOutcome {
    /** The new configuration is in force; {@code changed} lists the dotted keys that differ. */
    record Reloaded(List<String> changed) implements ReloadOutcome {
    }

    /** The file is invalid; nothing changed and the old configuration keeps running. */
    record Rejected(List<String> errors) implements ReloadOutcome {
    }

    /** Another reload is being applied right now. */
    record Busy() implements ReloadOutcome {
    }
}
