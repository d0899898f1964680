package org.queueanalytics.producer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.queueanalytics.producer.genesys.SkipReason;

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
    public void cycleEnded(Duration took, boolean succeeded) {
        (succeeded ? successfulCycles : failedCycles).record(took);
    }
}
