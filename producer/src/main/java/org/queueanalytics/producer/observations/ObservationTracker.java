package org.queueanalytics.producer.observations;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.queueanalytics.common.config.ObservationSettings;

/**
 * The counters and state behind the {@code "observations"} object of {@code /status}, and the
 * hand-over of each snapshot to the metrics ({@link ObservationListener}). One per producer service:
 * it outlives the pollers a reload of {@code observations.*} replaces, so {@code /status} counts
 * since the poll loop started, like the interval counters next to it.
 *
 * <p>Written by the poller's thread, read by the admin server's: every field is atomic on its own.
 */
public final class ObservationTracker {
    private final ObservationListener listener;
    private final Map<SnapshotOutcome, AtomicLong> snapshots = new EnumMap<>(SnapshotOutcome.class);
    private final AtomicLong queriesSkipped = new AtomicLong();
    private final AtomicLong recordsPublished = new AtomicLong();
    private final AtomicReference<Instant> lastSnapshotAt = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public ObservationTracker(ObservationListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        for (SnapshotOutcome outcome : SnapshotOutcome.values()) {
            snapshots.put(outcome, new AtomicLong());
        }
    }

    /** Counts {@code report} and tells the listener. */
    void ended(SnapshotReport report) {
        snapshots.get(report.outcome()).incrementAndGet();
        queriesSkipped.addAndGet(report.skipped());
        recordsPublished.addAndGet(report.recordsPublished());
        if (report.delivered()) {
            lastSnapshotAt.set(report.endedAt());
        }
        if (report.error() != null) {
            lastError.set(report.error());
        } else if (report.outcome() == SnapshotOutcome.COMPLETE) {
            lastError.set(null);
        }
        listener.observationSnapshotEnded(report);
    }

    /** The status under {@code settings}; {@code running} whether a poller runs now. */
    public ObservationStatus status(ObservationSettings settings, boolean running) {
        Map<String, Long> counts = new LinkedHashMap<>();
        snapshots.forEach((outcome, n) -> counts.put(outcome.tag(), n.get()));
        return new ObservationStatus(settings.enabled(), running, settings.interval().toSeconds(), lastSnapshotAt.get(), counts,
                queriesSkipped.get(), recordsPublished.get(), lastError.get());
    }
}
