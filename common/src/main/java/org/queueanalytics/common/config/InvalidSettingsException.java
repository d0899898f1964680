package org.queueanalytics.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown by a settings record's compact constructor when its invariants fail; carries every
 * failed invariant (each message starts with the key) so a config file's problems are all
 * reported in one go.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private final List<String> problems;

    private InvalidSettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** Collects failed invariants, then throws them together. */
    static final class Checks {
        private final List<String> problems = new ArrayList<>();

        Checks require(boolean ok, String problem) {
            if (!ok) {
                problems.add(problem);
            }
            return this;
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
        }
    }
}
