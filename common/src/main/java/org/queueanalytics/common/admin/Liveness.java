package org.queueanalytics.common.admin;

/**
 * Whether a service's main loop is running (shown by {@code /healthz}: 200 when alive, 503 when the
 * loop ended — the orchestrator should restart the process). Not the same as {@link Readiness}: a
 * loop retrying an unavailable dependency is alive but not ready.
 */
public record Liveness(boolean alive, String reason) {
    public static Liveness alive(String reason) {
        return new Liveness(true, reason);
    }

    public static Liveness notRunning(String reason) {
        return new Liveness(false, reason);
    }
}
