package org.queueanalytics.producer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.queueanalytics.common.admin.Liveness;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the producer service and applies reloads. A {@link ProducerService} is immutable in its
 * configuration, so a reload that changes a key the poll loop reads ({@link PollingConfig}) builds
 * a new service from the new config and closes the old one (a reload of consumer-only keys such as
 * {@code batch.*} or {@code clickhouse.*} leaves the running service alone): the old cycle finishes its current step (bounded by
 * {@link ProducerService#SHUTDOWN_GRACE}) and its checkpoint holds what it completed, so the new
 * service resumes exactly there — nothing is skipped, at worst a window is fetched twice (the
 * ClickHouse table keeps the newest fetch).
 *
 * <p>It also owns the {@link ShardOwnership} the services poll under (the static shard, or the
 * membership in the producers' Kafka group). A reload keeps it — the instance stays in the group
 * and keeps its shards — unless the group, the topics, the cluster or {@code producer.*} changed;
 * then the new service gets a new ownership and the old one leaves the group.
 *
 * <p>A reload that changes only {@code observations.*} (but {@code table_name}) restarts only the
 * running service's observation poller ({@link PollingConfig#observationsChanged}): interval polling
 * goes on undisturbed, and enabling or disabling observations takes effect at once.
 */
public final class ProducerRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerRunner.class);

    private final Clock clock;
    private final Shard shardOverride;
    private final ProducerObserver observer;
    private final AtomicReference<ProducerService> current = new AtomicReference<>();
    private final AtomicReference<ShardOwnership> ownership = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Liveness> liveness = new AtomicReference<>(Liveness.alive("starting"));
    private final ConfigReloader reloader;

    public ProducerRunner(ConfigReloader reloader, Clock clock, Shard shard) {
        this(reloader, clock, shard, ProducerObserver.NONE);
    }

    /**
     * @param shard    the {@code --shard} override (wins over {@code producer.shard}), or null to follow the configuration
     * @param observer receives the requests and cycles of every service this runner starts (the metrics)
     */
    public ProducerRunner(ConfigReloader reloader, Clock clock, Shard shard, ProducerObserver observer) {
        this.reloader = reloader;
        this.clock = clock;
        this.shardOverride = shard;
        this.observer = observer;
        ownership.set(ShardOwnership.forConfig(reloader.current(), shard));
        current.set(newService(reloader.current(), ownership.get()));
        reloader.addListener((previous, next, changed) -> replace(previous, next, changed));
    }

    private void replace(PipelineConfig previous, PipelineConfig next, List<String> changed) {
        if (closed.get()) {
            return;
        }
        if (!PollingConfig.changed(previous, next)) {
            if (PollingConfig.observationsChanged(previous, next)) {
                LOG.info("configuration changed ({}); restarting only the observation poller, the poll loop keeps running", changed);
                current.get().applyObservations(next.observations());
                return;
            }
            LOG.info("configuration changed ({}); the poll loop does not use these keys and keeps running", changed);
            return;
        }
        ShardOwnership oldShards = ownership.get();
        ShardOwnership newShards = ShardOwnership.changes(previous, next) ? ShardOwnership.forConfig(next, shardOverride) : oldShards;
        ownership.set(newShards);
        ProducerService old = current.getAndSet(newService(next, newShards));
        LOG.info("configuration changed ({}); restarting the poll loop under the new configuration", changed);
        old.close();
        if (newShards != oldShards) {
            oldShards.close();
        }
    }

    private ProducerService newService(PipelineConfig config, ShardOwnership shards) {
        return ProducerWiring.forConfig(config).clock(clock).shards(shards).observer(observer).service();
    }

    /** The service polling now (tests: whether a reload replaced it). */
    ProducerService service() {
        return current.get();
    }

    /** Runs until {@link #close()}; survives reloads. Throws when a failure needs an operator. */
    public void runUntilStopped() throws ProducerFailure {
        liveness.set(Liveness.alive("polling"));
        String ended = "the poll loop stopped";
        try {
            while (!closed.get()) {
                ProducerService service = current.get();
                service.runUntilStopped();
                if (service == current.get()) {
                    return; // stopped for good (closed, or a fixed range is done), not replaced by a reload
                }
            }
        } catch (ProducerFailure | RuntimeException | Error e) {
            ended = "the poll loop failed: " + e;
            throw e;
        } finally {
            liveness.set(Liveness.notRunning(ended));
        }
    }

    /** {@code /healthz}: alive until {@link #runUntilStopped()} returned or failed. */
    public Liveness liveness() {
        return liveness.get();
    }

    public Readiness readiness() {
        ProducerStatus status = current.get().status();
        if (status.ready()) {
            return Readiness.ok();
        }
        return Readiness.notReady(status.lastError() != null
                ? Secret.redactAll(status.lastError(), reloader.current().secrets()) : "state " + status.state());
    }

    public Map<String, Object> status() {
        ProducerStatus s = current.get().status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", "producer");
        ShardOwnership shards = ownership.get();
        out.put("sharding", shards.describe());
        out.put("shards", shards.current().names());
        out.put("state", s.state());
        out.put("ready", s.ready());
        out.put("last_poll_started", s.lastPollStarted());
        out.put("last_poll_completed", s.lastPollCompleted());
        out.put("last_error", Secret.redactAll(s.lastError(), reloader.current().secrets()));
        out.put("records_published", s.recordsPublished());
        out.put("windows_polled", s.windowsPolled());
        out.put("cycles_succeeded", s.cyclesSucceeded());
        out.put("cycles_failed", s.cyclesFailed());
        out.put("api_requests", s.requestsSent());
        out.put("tokens_issued", s.tokensIssued());
        out.put("queues", s.queues());
        out.put("checkpoints", s.checkpoints());
        out.put("last_deep_poll", s.lastDeepPoll());
        Map<String, Object> observations = current.get().observationStatus().toMap();
        observations.computeIfPresent("last_error", (k, v) -> Secret.redactAll((String) v, reloader.current().secrets()));
        out.put("observations", observations);
        return out;
    }

    /**
     * Counters of the current service and the checkpoint age, for {@code /metrics}. They count since
     * the current poll loop started: a reload that restarts it restarts them (a counter reset, which
     * Prometheus' {@code rate()} handles). Requests by endpoint and status, rate-limit waits and cycle
     * durations are in {@link ProducerMetrics}.
     */
    public void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("producer_records_published", this, r -> r.current.get().status().recordsPublished())
                .description("records Kafka acknowledged").register(registry);
        FunctionCounter.builder("producer_poll_cycles_failed", this, r -> r.current.get().status().cyclesFailed())
                .description("poll cycles that failed and were retried by the next cycle").register(registry);
        FunctionCounter.builder("producer_token_refreshes", this, r -> r.current.get().status().tokensIssued())
                .description("OAuth tokens obtained").register(registry);
        Gauge.builder("producer_checkpoint_age_seconds", this, r -> r.checkpointAgeSeconds())
                .description("now minus the oldest checkpoint's polled-until").register(registry);
    }

    private double checkpointAgeSeconds() {
        return current.get().status().checkpoints().values().stream().min(Instant::compareTo)
                .map(oldest -> (double) Duration.between(oldest, clock.instant()).toSeconds()).orElse(Double.NaN);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                current.get().close();
            } finally {
                ownership.get().close();
            }
        }
    }
}
