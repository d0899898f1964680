package org.queueanalytics.producer.observations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code "observations"} object of the producer's {@code /status}.
 *
 * @param enabled          {@code observations.enabled}
 * @param running          the poller runs now (false while disabled, in a fixed-range run, or after the service stopped)
 * @param intervalSeconds  {@code observations.interval_seconds}
 * @param lastSnapshotAt   when the last complete or partial snapshot was acknowledged by Kafka, or null
 * @param snapshots        snapshots by outcome ({@code complete}, {@code partial}, {@code failed})
 * @param queriesSkipped   queries not sent for want of a budget slot
 * @param recordsPublished records Kafka acknowledged
 * @param lastError        the last failure, null after a complete snapshot
 */
public record ObservationStatus(boolean enabled, boolean running, long intervalSeconds, Instant lastSnapshotAt,
                                Map<String, Long> snapshots, long queriesSkipped, long recordsPublished, String lastError) {
    public ObservationStatus {
        snapshots = Map.copyOf(snapshots);
    }

    /** The JSON object's keys and values, in a stable order; {@code lastError} as given (the caller redacts). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", enabled);
        out.put("running", running);
        out.put("interval_seconds", intervalSeconds);
        out.put("last_snapshot_at", lastSnapshotAt);
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (SnapshotOutcome outcome : SnapshotOutcome.values()) {
            byOutcome.put(outcome.tag(), snapshots.getOrDefault(outcome.tag(), 0L));
        }
        out.put("snapshots", byOutcome);
        out.put("queries_skipped", queriesSkipped);
        out.put("records_published", recordsPublished);
        out.put("last_error", lastError);
        return out;
    }
}
