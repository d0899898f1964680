package org.queueanalytics.producer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.queueanalytics.producer.genesys.SkipReason;
import org.queueanalytics.producer.observations.SnapshotOutcome;
import org.queueanalytics.producer.observations.SnapshotReport;

/**
 * The producer's event meters (Prometheus names):
 * <ul>
 *   <li>{@code producer_api_requests_total{endpoint,status}} — Genesys API requests by endpoint and HTTP
 *       status ({@code status="none"}: no answer — timeout or connection error);</li>
 *   <li>{@code producer_rate_limit_waits_seconds{reason}} (count, sum, max) — waits before requests:
 *       {@code reason="client-budget"} for {@code analytics.max_requests_per_minute},
 *       {@code reason="retry-after"} for Genesys 429 answers;</li>
 *   <li>{@code producer_poll_cycle_seconds{outcome}} (count, sum, max) — service-loop cycles,
 *       {@code outcome="success"} or {@code "failure"};</li>
 *   <li>{@code producer_groups_skipped_total{reason}} — result groups of aggregates answers skipped for
 *       a missing dimension, {@code reason="missing_queue_id"} or {@code "missing_media_type"} (both
 *       registered from the start, so they read 0 rather than being absent).</li>
 *   <li>live queue state (registered from the start): {@code producer_observation_snapshots_total{outcome}}
 *       ({@code complete}, {@code partial}, {@code failed}), {@code producer_observation_queries_skipped_total}
 *       (queries not sent for want of a budget slot), {@code producer_observation_records_published_total},
 *       {@code producer_observation_publish_failures_total} (snapshots Kafka did not take) and
 *       {@code producer_observation_last_snapshot_timestamp_seconds} (epoch seconds of the last complete or
 *       partial snapshot; NaN before the first).</li>
 * </ul>
 * The counters read from the running service's status (records published, tokens, checkpoint
 * age) are bound by {@link ProducerRunner#bindMetrics}.
 */
public final class ProducerMetrics implements ProducerObserver {
    private final MeterRegistry registry;
    private final Timer budgetWaits;
    private final Timer retryAfterWaits;
    private final Timer successfulCycles;
    private final Timer failedCycles;
    private final Map<SkipReason, Counter> skippedGroups = new EnumMap<>(SkipReason.class);
    private final Map<SnapshotOutcome, Counter> observationSnapshots = new EnumMap<>(SnapshotOutcome.class);
    private final Counter observationQueriesSkipped;
    private final Counter observationRecordsPublished;
    private final Counter observationPublishFailures;
    private final AtomicReference<Double> lastObservationSnapshot = new AtomicReference<>(Double.NaN);

    public ProducerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        budgetWaits = rateLimitWaits("client-budget");
        retryAfterWaits = rateLimitWaits("retry-after");
        successfulCycles = cycles("success");
        failedCycles = cycles("failure");
        for (SkipReason reason : SkipReason.values()) {
            skippedGroups.put(reason, Counter.builder("producer_groups_skipped").tag("reason", reason.tag())
                    .description("result groups of aggregates answers skipped because they lack a dimension")
                    .register(registry));
        }
        for (SnapshotOutcome outcome : SnapshotOutcome.values()) {
            observationSnapshots.put(outcome, Counter.builder("producer_observation_snapshots").tag("outcome", outcome.tag())
                    .description("snapshots of live queue state by outcome").register(registry));
        }
        observationQueriesSkipped = Counter.builder("producer_observation_queries_skipped")
                .description("queue observation queries not sent because the request budget had no slot for them").register(registry);
        observationRecordsPublished = Counter.builder("producer_observation_records_published")
                .description("live queue state records Kafka acknowledged").register(registry);
        observationPublishFailures = Counter.builder("producer_observation_publish_failures")
                .description("observation snapshots Kafka did not take").register(registry);
        Gauge.builder("producer_observation_last_snapshot_timestamp_seconds", lastObservationSnapshot, AtomicReference::get)
                .description("epoch seconds of the last complete or partial observation snapshot").register(registry);
    }

    private Timer rateLimitWaits(String reason) {
        return Timer.builder("producer_rate_limit_waits").tag("reason", reason)
                .description("waits before Genesys requests: the client-side budget, or a 429's Retry-After")
                .register(registry);
    }

    private Timer cycles(String outcome) {
        return Timer.builder("producer_poll_cycle").tag("outcome", outcome)
                .description("poll cycles of the service loop and their duration").register(registry);
    }

    @Override
    public void responded(String endpoint, int status) {
        // Micrometer caches the meter per (name, tags): a lookup, not a new registration, after the first call.
        Counter.builder("producer_api_requests").tag("endpoint", endpoint).tag("status", status == 0 ? "none" : Integer.toString(status))
                .description("Genesys API requests by endpoint and HTTP status").register(registry).increment();
    }

    @Override
    public void budgetWaited(Duration wait) {
        budgetWaits.record(wait);
    }

    @Override
    public void rateLimited(Duration wait) {
        retryAfterWaits.record(wait);
    }

    @Override
    public void groupSkipped(SkipReason reason) {
        skippedGroups.get(reason).increment();
    }

    @Override
    public void observationSnapshotEnded(SnapshotReport report) {
        observationSnapshots.get(report.outcome()).increment();
        observationQueriesSkipped.increment(report.skipped());
        observationRecordsPublished.increment(report.recordsPublished());
        if (report.publishFailed()) {
            observationPublishFailures.increment();
        }
        if (report.delivered()) {
            lastObservationSnapshot.set(report.endedAt().toEpochMilli() / 1000.0);
        }
    }

    @Override
    public void cycleEnded(Duration took, boolean succeeded) {
        (succeeded ? successfulCycles : failedCycles).record(took);
    }
}
