package org.queueanalytics.common.admin;

/** Whether a service can do its work now, and if not, why (shown by {@code /readyz}). */
public record Readiness(boolean ready, String reason) {
    public static Readiness ok() {
        return new Readiness(true, "ok");
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
