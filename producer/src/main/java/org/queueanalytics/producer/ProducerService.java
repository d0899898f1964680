package org.queueanalytics.producer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.errors.RetriableException;
import org.queueanalytics.common.config.AnalyticsSettings;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.observations.ObservationStatus;
import org.queueanalytics.producer.publish.KafkaClientException;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.sharding.OwnedShards;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.queueanalytics.producer.sharding.ShardingException;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the producer's stages — token → queue directory → interval planner → aggregates query →
 * record mapping → Kafka publish → checkpoint — and runs them.
 *
 * <p>Use: {@link ProducerWiring} (or {@link #create(PipelineConfig, Clock)}) builds it; then either {@link #runOnce()} (one live cycle,
 * or the configured fixed range), {@link #runUntilStopped()} (the service loop, on the calling
 * thread), {@link #start()} (the loop on a background thread) or {@link #backfill} (one range,
 * resumable); {@link #status()} from any thread; {@link #close()} from any thread (idempotent,
 * bounded: it ends every wait, lets the current step finish for up to {@link #SHUTDOWN_GRACE},
 * then closes the Kafka producers).
 *
 * <p>Failure policy (decided here, logged once here): a {@link GenesysException} that is not
 * {@link GenesysException#isRetryable() retryable} (bad credentials, missing permission, a refused
 * request other than an aggregates query) and a {@link KafkaClientException} (a Kafka client cannot
 * be created from {@code kafka.*}) stop the service with a {@link ProducerFailure}; everything else
 * (Genesys unavailable or rate limited after retries, an unreadable answer, an aggregates query
 * refused for a reason other than its size, Kafka unavailable) fails the cycle, keeps the
 * checkpoint before the window that failed, and the next cycle tries again (so does a retriable Kafka error that
 * escaped the publisher). Any other exception or {@code Error} ends the loop: it propagates to the caller, whose
 * thread boundary reports it (the producer's main logs it once and exits 1). Kafka is opened lazily by the first cycle, so a broker that starts later is fine.
 *
 * <p>Shards: each cycle polls the shards {@link ShardOwnership} gives it at the cycle's start, each
 * under its own checkpoint ({@code live/<i>/<n>}); shards whose plans agree are fetched together.
 * After a rebalance the checkpoints are read again from Kafka, so a shard taken over resumes where
 * its previous owner stopped; a shard revoked mid-cycle is abandoned without moving its checkpoint
 * (see {@link WindowPoller}). The service never closes the ownership: its creator does.
 *
 * <p>Live queue state: when {@code observations.enabled}, {@link #runUntilStopped()} also starts the
 * observation poller ({@link ObservationControl}, thread {@code producer-observations}) over the same
 * Genesys client, queue directory and shards; it stops with the loop and with {@link #close()}, and
 * its failures are its own — they never reach this loop. {@link #runOnce()} and {@link #backfill} do
 * not poll observations, nor does a fixed-range run.
 *
 * <p>This class decides when polls run and how they stop (the loop, the wait between cycles, the
 * failure policy, {@link #close()}); one poll over the owned shards is {@link CycleRunner}'s, and the
 * state and counters behind {@link #status()} are {@link StatusTracker}'s.
 */
public final class ProducerService implements AutoCloseable {
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    /** With group membership, how often the wait between cycles looks for newly assigned shards. */
    static final Duration OWNERSHIP_CHECK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ProducerService.class);

    private final PipelineConfig config;
    private final Clock clock;
    private final ShardOwnership shards;
    private final StopSignal stop;
    private final Sleeper loopWait;
    private final ProducerObserver observer;
    private final StatusTracker tracker;
    private final CycleRunner cycles;
    private final ObservationControl observations;

    private final ReentrantLock runLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile OwnedShards lastCycleShards = OwnedShards.NONE;
    private volatile Thread loopThread;
    private final CountDownLatch loopDone = new CountDownLatch(1);

    /**
     * Built by {@link ProducerWiring}, which assembles {@code tracker}, {@code cycles} and {@code observations}
     * under the same {@code context}.
     */
    ProducerService(PipelineConfig config, PollingContext context, StatusTracker tracker, CycleRunner cycles,
                    ObservationControl observations) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = context.clock();
        this.shards = context.shards();
        this.stop = context.stop();
        this.loopWait = context.waits();
        this.observer = context.observer();
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.cycles = Objects.requireNonNull(cycles, "cycles");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    /**
     * The production service for shard 0/1 (every queue); connects to nothing yet. Shorthand for
     * {@code ProducerWiring.forConfig(config).clock(clock).service()}; every other variant is built
     * through {@link ProducerWiring}.
     */
    public static ProducerService create(PipelineConfig config, Clock clock) {
        return ProducerWiring.forConfig(config).clock(clock).service();
    }

    /**
     * One cycle: a live cycle (lookback, daily deep re-poll, catch-up from the checkpoint), or —
     * when {@code analytics.date_from} and {@code date_to} are both set — the remaining part of
     * that fixed range.
     */
    public PollReport runOnce() throws GenesysException, PublishException, InterruptedException {
        OwnedShards owned = shards.current(); // this cycle's shards, fixed at its start
        lastCycleShards = owned;
        AnalyticsSettings analytics = config.analytics();
        if (analytics.fixedRange()) {
            return runLocked(() -> cycles.range(analytics.dateFrom(), analytics.dateTo(), owned, ProgressListener.NONE));
        }
        return runLocked(() -> cycles.live(owned));
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
        OwnedShards owned = shards.current();
        return runLocked(() -> cycles.range(from, to, owned, progress));
    }

    /**
     * The service loop on the calling thread: a cycle every {@code poll_interval_seconds} (measured
     * from cycle start) until {@link #close()}; with a fixed range, until the range is done.
     *
     * @throws ProducerFailure when a failure needs an operator (see the class comment)
     */
    public void runUntilStopped() throws ProducerFailure {
        loopThread = Thread.currentThread();
        observations.start();
        try {
            while (!stop.isStopped()) {
                Instant started = clock.instant();
                boolean succeeded = runCycleReportingFailures();
                observer.cycleEnded(Duration.between(started, clock.instant()), succeeded);
                if (succeeded && config.analytics().fixedRange() && rangeDoneForGood()) {
                    LOG.info("Fixed range {} .. {} done", config.analytics().dateFrom(), config.analytics().dateTo());
                    return;
                }
                if (stop.isStopped()) {
                    break;
                }
                Duration wait = config.pollInterval().minus(Duration.between(started, clock.instant()));
                tracker.waiting();
                awaitNextCycle(wait);
            }
        } catch (InterruptedException e) {
            LOG.info("Producer loop stopping");
        } finally {
            observations.stop();
            tracker.stopped();
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
        return tracker.failure();
    }

    public ProducerStatus status() {
        return tracker.snapshot(cycles.outputs());
    }

    public PipelineConfig config() {
        return config;
    }

    /** The observation poller's {@code /status} object. */
    public ObservationStatus observationStatus() {
        return observations.status();
    }

    /**
     * Applies a reload that changed {@code observations.*} only: the observation poller restarts
     * under {@code next} (or stops, when disabled); the poll loop keeps running.
     */
    void applyObservations(ObservationSettings next) {
        observations.apply(next);
    }

    /** The observation poller's lifecycle (tests drive its snapshots). */
    ObservationControl observations() {
        return observations;
    }

    /** The shards it polls (it does not own this: its creator closes it). */
    public ShardOwnership shards() {
        return shards;
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
        observations.stop();
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
        KafkaOutputs out = cycles.outputs();
        if (out != null) {
            out.close();
        }
        tracker.stopped();
        LOG.info("Producer stopped: {} records published, {} Genesys requests", tracker.recordsPublished().get(),
                tracker.requestsSent());
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
        Optional<ShardingException> membership = shards.failure();
        if (membership.isPresent()) {
            throw stopFor(new ProducerFailure("Kafka shard membership: " + membership.get().getMessage(), membership.get()));
        }
        try {
            runOnce();
            tracker.cycleSucceeded();
            return true;
        } catch (GenesysException e) {
            if (!e.isRetryable()) {
                throw stopFor(new ProducerFailure("Genesys Cloud client: " + e.getMessage(), e));
            }
            cycleFailed(e);
        } catch (KafkaClientException e) {
            throw stopFor(new ProducerFailure(e.getMessage(), e));
        } catch (PublishException e) {
            cycleFailed(e);
        } catch (RetriableException e) { // a Kafka call outside the publisher's own handling (e.g. a metadata timeout)
            cycleFailed(new PublishException("Kafka unavailable: " + e.getMessage(), e));
        }
        return false;
    }

    private ProducerFailure stopFor(ProducerFailure fatal) {
        tracker.failed(fatal);
        LOG.error("Producer stopping: {}", fatal.getMessage());
        return fatal;
    }

    /**
     * A fixed range ends the loop once a cycle covered shards and no rebalance happened meanwhile
     * (shards taken over from an instance that stopped are polled first).
     */
    private boolean rangeDoneForGood() {
        OwnedShards polled = lastCycleShards;
        return !polled.isEmpty() && polled.generation() == shards.current().generation();
    }

    /**
     * Waits {@code wait} for the next cycle. With group membership it looks every
     * {@link #OWNERSHIP_CHECK} whether a rebalance gave it a shard the last cycle did not poll, and
     * then starts at once: a takeover does not wait for the poll interval.
     */
    private void awaitNextCycle(Duration wait) throws InterruptedException {
        if (!shards.dynamic()) {
            loopWait.sleep(wait);
            return;
        }
        Instant until = clock.instant().plus(wait);
        while (true) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            OwnedShards now = shards.current();
            if (!lastCycleShards.shards().containsAll(now.shards())) {
                LOG.info("Shards assigned to this instance since the last cycle; polling {} now", now.names());
                return;
            }
            loopWait.sleep(left.compareTo(OWNERSHIP_CHECK) < 0 ? left : OWNERSHIP_CHECK);
        }
    }

    private void cycleFailed(Exception e) {
        String component = e instanceof PublishException ? "Kafka publisher" : "Genesys Cloud client";
        tracker.cycleFailed(component + ": " + e.getMessage());
        LOG.warn("Poll cycle failed, the checkpoint stays and the next cycle (in {} s) tries again — {}: {}",
                config.pollInterval().toSeconds(), component, e.getMessage());
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
