package org.queueanalytics.consumer.validation;

/** Why a record cannot be stored: the offending field (its JSON/column name) and the reason. */
public record Violation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
