package org.queueanalytics.producer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.queueanalytics.common.config.AnalyticsSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.producer.genesys.AggregatesClient;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.GenesysResponseException;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.PermanentGenesysException;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.genesys.QueueDirectory;
import org.queueanalytics.producer.genesys.QueueSource;
import org.queueanalytics.producer.planning.CyclePlan;
import org.queueanalytics.producer.planning.IntervalPlanner;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.publish.Shard;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the producer's stages — token → queue directory → interval planner → aggregates query →
 * record mapping → Kafka publish → checkpoint — and runs them.
 *
 * <p>Use: {@link #create(PipelineConfig, Clock)}, then either {@link #runOnce()} (one live cycle,
 * or the configured fixed range), {@link #runUntilStopped()} (the service loop, on the calling
 * thread), {@link #start()} (the loop on a background thread) or {@link #backfill} (one range,
 * resumable); {@link #status()} from any thread; {@link #close()} from any thread (idempotent,
 * bounded: it ends every wait, lets the current step finish for up to {@link #SHUTDOWN_GRACE},
 * then closes the Kafka producers).
 *
 * <p>Failure policy (decided here, logged once here): a {@link PermanentGenesysException} other
 * than an unreadable answer (bad credentials, missing permission, a refused queue) stops the
 * service with a {@link ProducerFailure}; everything else (Genesys unavailable or rate limited
 * after retries, Kafka unavailable) fails the cycle, keeps the checkpoint, and the next cycle
 * tries again. Kafka is opened lazily by the first cycle, so a broker that starts later is fine.
 */
public final class ProducerService implements AutoCloseable {
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ProducerService.class);

    private final PipelineConfig config;
    private final Clock clock;
    private final Shard shard;
    private final StopSignal stop;
    private final Sleeper loopWait;
    private final QueueSource queueSource;
    private final IntervalStatistics statistics;
    private final KafkaOutputs.Opener outputsOpener;
    private final LongSupplier requestsSent;
    private final LongSupplier tokensIssued;
    private final ProducerObserver observer;
    private final IntervalPlanner planner;

    private final ReentrantLock runLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<String> state = new AtomicReference<>("STARTING");
    private final AtomicReference<Instant> lastPollStarted = new AtomicReference<>();
    private final AtomicReference<Instant> lastPollCompleted = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<ProducerFailure> failure = new AtomicReference<>();
    private final AtomicLong recordsPublished = new AtomicLong();
    private final AtomicLong windowsPolled = new AtomicLong();
    private final AtomicLong cyclesSucceeded = new AtomicLong();
    private final AtomicLong cyclesFailed = new AtomicLong();
    private volatile int queueCount;
    private volatile KafkaOutputs outputs;
    private volatile Thread loopThread;
    private final CountDownLatch loopDone = new CountDownLatch(1);

    ProducerService(PipelineConfig config, Clock clock, Shard shard, StopSignal stop, Sleeper loopWait, QueueSource queueSource,
                    IntervalStatistics statistics, KafkaOutputs.Opener outputsOpener, LongSupplier requestsSent,
                    LongSupplier tokensIssued) {
        this(config, clock, shard, stop, loopWait, queueSource, statistics, outputsOpener, requestsSent, tokensIssued,
                ProducerObserver.NONE);
    }

    ProducerService(PipelineConfig config, Clock clock, Shard shard, StopSignal stop, Sleeper loopWait, QueueSource queueSource,
                    IntervalStatistics statistics, KafkaOutputs.Opener outputsOpener, LongSupplier requestsSent,
                    LongSupplier tokensIssued, ProducerObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shard = Objects.requireNonNull(shard, "shard");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.loopWait = Objects.requireNonNull(loopWait, "loopWait");
        this.queueSource = Objects.requireNonNull(queueSource, "queueSource");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.outputsOpener = Objects.requireNonNull(outputsOpener, "outputsOpener");
        this.requestsSent = requestsSent;
        this.tokensIssued = tokensIssued;
        this.planner = IntervalPlanner.forSettings(config.analytics(), clock);
    }

    /** The production service for shard 0/1 (every queue). Connects to nothing yet. */
    public static ProducerService create(PipelineConfig config, Clock clock) {
        return create(config, clock, Shard.ALL);
    }

    public static ProducerService create(PipelineConfig config, Clock clock, Shard shard) {
        StopSignal stop = new StopSignal();
        return create(config, clock, shard, stop, stop);
    }

    /** The production service, reporting its Genesys requests and its cycles to {@code observer} (the metrics). */
    public static ProducerService create(PipelineConfig config, Clock clock, Shard shard, ProducerObserver observer) {
        StopSignal stop = new StopSignal();
        return create(config, clock, shard, stop, stop, () -> KafkaOutputs.open(config.kafka()), observer);
    }

    /**
     * The production wiring with every wait (request budget, Retry-After, backoff, the interval
     * between cycles) going through {@code waits}. Integration tests pass a sleeper that moves
     * their test clock (shared with the emulator) instead of sleeping; it must throw
     * {@link InterruptedException} once {@code stop} is stopped, as {@link StopSignal} itself does.
     */
    static ProducerService create(PipelineConfig config, Clock clock, Shard shard, StopSignal stop, Sleeper waits) {
        return create(config, clock, shard, stop, waits, () -> KafkaOutputs.open(config.kafka()));
    }

    /** The production Genesys side with other outputs (the request-count report counts records instead of sending them). */
    static ProducerService create(PipelineConfig config, Clock clock, Shard shard, StopSignal stop, Sleeper waits,
                                  KafkaOutputs.Opener outputs) {
        return create(config, clock, shard, stop, waits, outputs, ProducerObserver.NONE);
    }

    static ProducerService create(PipelineConfig config, Clock clock, Shard shard, StopSignal stop, Sleeper waits,
                                  KafkaOutputs.Opener outputs, ProducerObserver observer) {
        AnalyticsSettings analytics = config.analytics();
        GenesysHttpClient http = GenesysHttpClient.create(config.oauth(), analytics.maxRequestsPerMinute(), config.retry(),
                clock, waits, observer);
        QueueDirectory directory = new QueueDirectory(http, analytics.queueIds(), clock, QueueDirectory.DEFAULT_REFRESH);
        AggregatesClient aggregates = new AggregatesClient(http, analytics.interval(), analytics.mediaTypes(), clock);
        return new ProducerService(config, clock, shard, stop, waits, directory, aggregates, outputs,
                http::requestsSent, () -> http.tokens().tokensIssued(), observer);
    }

    /**
     * One cycle: a live cycle (lookback, daily deep re-poll, catch-up from the checkpoint), or —
     * when {@code analytics.date_from} and {@code date_to} are both set — the remaining part of
     * that fixed range.
     */
    public PollReport runOnce() throws GenesysException, PublishException, InterruptedException {
        AnalyticsSettings analytics = config.analytics();
        if (analytics.fixedRange()) {
            return runRange(analytics.dateFrom(), analytics.dateTo(), ProgressListener.NONE);
        }
        return runLocked(() -> {
            KafkaOutputs out = outputs();
            String id = Checkpoint.liveId(shard);
            Optional<Checkpoint> checkpoint = out.checkpoints().get(id);
            CyclePlan plan = planner.planLive(checkpoint.map(Checkpoint::polledUntil).orElse(null),
                    checkpoint.map(Checkpoint::lastDeepPoll).orElse(null));
            if (plan.catchUpLimitedTo() != null) {
                LOG.warn("Checkpoint {} is older than the maximum catch-up; polling from {} only. "
                        + "Run 'producer backfill --from {} --to {}' to fill the gap",
                        id, plan.catchUpLimitedTo(), checkpoint.get().polledUntil(), plan.catchUpLimitedTo());
            }
            return poll(out, plan.windows(), id, plan.deepPoll() ? plan.plannedAt() : null, ProgressListener.NONE);
        });
    }

    /**
     * Polls {@code [from, to)} once ({@code to} rounded up to the granularity), resuming after the
     * range's own checkpoint when an earlier run was interrupted. Does not touch the live checkpoint.
     */
    public PollReport backfill(Instant from, Instant to, ProgressListener progress)
            throws GenesysException, PublishException, InterruptedException {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("--to (" + to + ") must come after --from (" + from + ")");
        }
        return runRange(from, to, progress);
    }

    /**
     * The service loop on the calling thread: a cycle every {@code poll_interval_seconds} (measured
     * from cycle start) until {@link #close()}; with a fixed range, until the range is done.
     *
     * @throws ProducerFailure when a failure needs an operator (see the class comment)
     */
    public void runUntilStopped() throws ProducerFailure {
        loopThread = Thread.currentThread();
        try {
            while (!stop.isStopped()) {
                Instant started = clock.instant();
                boolean succeeded = runCycleReportingFailures();
                observer.cycleEnded(Duration.between(started, clock.instant()), succeeded);
                if (succeeded && config.analytics().fixedRange()) {
                    LOG.info("Fixed range {} .. {} done", config.analytics().dateFrom(), config.analytics().dateTo());
                    return;
                }
                if (stop.isStopped()) {
                    break;
                }
                Duration wait = config.pollInterval().minus(Duration.between(started, clock.instant()));
                state.set("WAITING");
                loopWait.sleep(wait);
            }
        } catch (InterruptedException e) {
            LOG.info("Producer loop stopping");
        } finally {
            if (failure.get() == null) {
                state.set("STOPPED");
            }
            loopDone.countDown();
        }
    }

    /** Runs {@link #runUntilStopped()} on a background thread; a fatal failure shows in {@link #status()} and {@link #failure()}. */
    public void start() {
        Thread thread = new Thread(() -> {
            try {
                runUntilStopped();
            } catch (ProducerFailure e) {
                // recorded in failure() and status() by runCycleReportingFailures
            }
        }, "producer-poll-loop");
        thread.setDaemon(false);
        loopThread = thread;
        thread.start();
    }

    /** The failure that stopped the loop, if any. */
    public Optional<ProducerFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    public ProducerStatus status() {
        KafkaOutputs out = outputs;
        Map<String, Instant> checkpoints = new TreeMap<>();
        Instant lastDeep = null;
        if (out != null) {
            for (Checkpoint c : out.checkpoints().all().values()) {
                checkpoints.put(c.id(), c.polledUntil());
            }
            lastDeep = out.checkpoints().get(Checkpoint.liveId(shard)).map(Checkpoint::lastDeepPoll).orElse(null);
        }
        return new ProducerStatus(state.get(), lastPollStarted.get(), lastPollCompleted.get(), lastError.get(),
                recordsPublished.get(), windowsPolled.get(), cyclesSucceeded.get(), cyclesFailed.get(),
                requestsSent.getAsLong(), tokensIssued.getAsLong(),
                queueCount, Map.copyOf(checkpoints), lastDeep);
    }

    public PipelineConfig config() {
        return config;
    }

    public Shard shard() {
        return shard;
    }

    /**
     * Stops: ends every wait (rate limit, backoff, poll interval), lets the loop — or a running
     * backfill — finish its current step for up to {@link #SHUTDOWN_GRACE} (the loop is interrupted
     * after that), then flushes and closes the Kafka producers (each bounded). Idempotent; safe from
     * a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.stop();
        Thread loop = loopThread;
        if (loop != null && loop != Thread.currentThread()) {
            try {
                if (!loopDone.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Producer loop did not stop within {} s; interrupting it", SHUTDOWN_GRACE.toSeconds());
                    loop.interrupt();
                    loopDone.await(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            awaitRunningStep();
        }
        KafkaOutputs out = outputs;
        if (out != null) {
            out.close();
        }
        if (failure.get() == null) {
            state.set("STOPPED");
        }
        LOG.info("Producer stopped: {} records published, {} Genesys requests", recordsPublished.get(), requestsSent.getAsLong());
    }

    /**
     * Without a service loop (a backfill, or {@link #runOnce()} on some thread), a step may still be
     * running: let it reach its next wait, which the stop signal ends, before its Kafka producers are
     * closed under it — so its current window is either checkpointed or left for the next run.
     */
    private void awaitRunningStep() {
        try {
            if (runLock.tryLock(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                runLock.unlock();
            } else {
                LOG.warn("Producer step did not stop within {} s; closing Kafka under it (its window is fetched again "
                        + "by the next run)", SHUTDOWN_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One cycle, with the failure policy applied. @return true when the cycle succeeded */
    private boolean runCycleReportingFailures() throws ProducerFailure, InterruptedException {
        try {
            runOnce();
            cyclesSucceeded.incrementAndGet();
            return true;
        } catch (GenesysResponseException | PublishException e) {
            cycleFailed(e);
        } catch (PermanentGenesysException e) {
            cyclesFailed.incrementAndGet();
            ProducerFailure fatal = new ProducerFailure("Genesys Cloud client: " + e.getMessage(), e);
            lastError.set(fatal.getMessage());
            failure.set(fatal);
            state.set("FAILED");
            LOG.error("Producer stopping: {}", fatal.getMessage());
            throw fatal;
        } catch (GenesysException e) {
            cycleFailed(e);
        }
        return false;
    }

    private void cycleFailed(Exception e) {
        cyclesFailed.incrementAndGet();
        String component = e instanceof PublishException ? "Kafka publisher" : "Genesys Cloud client";
        lastError.set(component + ": " + e.getMessage());
        LOG.warn("Poll cycle failed, the checkpoint stays and the next cycle (in {} s) tries again — {}: {}",
                config.pollInterval().toSeconds(), component, e.getMessage());
    }

    private PollReport runRange(Instant from, Instant to, ProgressListener progress)
            throws GenesysException, PublishException, InterruptedException {
        return runLocked(() -> {
            KafkaOutputs out = outputs();
            String id = Checkpoint.rangeId(from, to, shard);
            Instant resumeAfter = out.checkpoints().get(id).map(Checkpoint::polledUntil).orElse(null);
            List<TimeWindow> windows = planner.planRange(from, to, resumeAfter);
            if (resumeAfter != null) {
                LOG.info("Resuming range {} .. {} after checkpoint {}", from, to, resumeAfter);
            }
            return poll(out, windows, id, null, progress);
        });
    }

    private PollReport poll(KafkaOutputs out, List<TimeWindow> windows, String checkpointId, Instant deepPollAt,
                            ProgressListener progress) throws GenesysException, PublishException, InterruptedException {
        Instant started = clock.instant();
        lastPollStarted.set(started);
        state.set("RUNNING");
        List<Queue> queues = windows.isEmpty() ? List.of()
                : queueSource.queues().stream().filter(q -> shard.contains(q.id())).toList();
        if (!windows.isEmpty()) {
            queueCount = queues.size();
        }
        WindowPoller poller = new WindowPoller(statistics, out.sink(), out.checkpoints(), planner, clock,
                recordsPublished, windowsPolled);
        PollReport report = poller.poll(queues, windows, checkpointId, deepPollAt, progress);
        lastPollCompleted.set(clock.instant());
        lastError.set(null);
        LOG.info("Polled {} window(s) {} for {} queue(s): {} record(s) published in {} ms; checkpoint {} = {}",
                report.windows(), windows.isEmpty() ? "" : windows.get(0).start() + " .. " + windows.get(windows.size() - 1).end(),
                queues.size(), report.records(), Duration.between(started, clock.instant()).toMillis(), checkpointId,
                report.polledUntil());
        return report;
    }

    private KafkaOutputs outputs() throws PublishException, InterruptedException {
        if (outputs == null) {
            outputs = outputsOpener.open();
        }
        return outputs;
    }

    private PollReport runLocked(Step step) throws GenesysException, PublishException, InterruptedException {
        if (closed.get()) {
            throw new InterruptedException("the producer is closed");
        }
        runLock.lockInterruptibly();
        try {
            return step.run();
        } finally {
            runLock.unlock();
        }
    }

    @FunctionalInterface
    private interface Step {
        PollReport run() throws GenesysException, PublishException, InterruptedException;
    }
}
