package org.queueanalytics.producer.observations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.publish.KafkaClientException;
import org.queueanalytics.producer.publish.ObservationSink;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.sharding.OwnedShards;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.queueanalytics.producer.time.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls live queue state: every {@code observations.interval_seconds} (measured from snapshot start)
 * it takes the queues of the shards this instance owns right now — the interval poller's queue list
 * ({@link KnownQueues}) and shard ownership ({@link ShardOwnership}, {@code Shard} hashing) — asks
 * Genesys for their observations ({@link QueueObservations}: the same HTTP client, token and request
 * budget as interval polling, never waiting for a slot) and publishes the records to
 * {@code observations.topic} ({@link ObservationSink}), keyed by queue id.
 *
 * <p>Failure policy: nothing here stops the producer or touches interval polling. A snapshot that
 * fails — Genesys (any status, including 403), a malformed answer, Kafka, an unexpected
 * {@link RuntimeException} — is counted ({@link ObservationTracker}) and logged once per kind of
 * failure ({@link OncePerKindLog}), and the next snapshot, one interval later, simply replaces it.
 * An {@link Error} ends the thread and goes to the default uncaught-exception handler (the process exits 1).
 *
 * <p>Lifecycle: {@link #start()} runs the loop on the daemon thread {@value #THREAD_NAME};
 * {@link #close()} ends the wait at once, lets a snapshot in flight finish for up to
 * {@link #STOP_GRACE} (then interrupts it), and closes the sink. A poller runs under one
 * {@link ObservationSettings}; a reload builds a new one. {@link #snapshot()} runs one snapshot on
 * the calling thread (tests).
 */
public final class ObservationPoller implements AutoCloseable {
    public static final String THREAD_NAME = "producer-observations";
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ObservationPoller.class);

    private final ObservationSettings settings;
    private final QueueObservations source;
    private final KnownQueues queues;
    private final ShardOwnership shards;
    private final ObservationSink sink;
    private final ObservationTracker tracker;
    private final Clock clock;
    private final OncePerKindLog problems = new OncePerKindLog(LOG);
    private final StopSignal stop = new StopSignal();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch loopDone = new CountDownLatch(1);
    private volatile Thread thread;

    public ObservationPoller(ObservationSettings settings, QueueObservations source, KnownQueues queues, ShardOwnership shards,
                             ObservationSink sink, ObservationTracker tracker, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.source = Objects.requireNonNull(source, "source");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.shards = Objects.requireNonNull(shards, "shards");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ObservationSettings settings() {
        return settings;
    }

    /** Starts the loop on its own thread (once). */
    public synchronized void start() {
        if (thread != null || closed.get()) {
            return;
        }
        Thread t = new Thread(this::run, THREAD_NAME);
        t.setDaemon(true); // holds nothing to flush: close() closes the sink
        thread = t;
        t.start();
    }

    /** True while the loop's thread runs. */
    public boolean running() {
        Thread t = thread;
        return t != null && t.isAlive() && loopDone.getCount() > 0;
    }

    private void run() {
        try {
            while (!stop.isStopped()) {
                Instant started = clock.instant();
                snapshotCountingFailures();
                stop.sleep(settings.interval().minus(Duration.between(started, clock.instant())));
            }
        } catch (InterruptedException e) {
            LOG.debug("Observation poller stopping");
        } finally {
            loopDone.countDown();
        }
    }

    /** One snapshot; an unexpected exception fails only that snapshot. */
    private void snapshotCountingFailures() throws InterruptedException {
        Instant started = clock.instant();
        try {
            snapshot();
        } catch (RuntimeException e) {
            String error = "unexpected failure: " + e;
            tracker.ended(new SnapshotReport(started, clock.instant(), SnapshotOutcome.FAILED, 0, 0, 0, 0, false, error));
            problems.warn("unexpected " + e.getClass().getName(), "Queue observations: snapshot failed unexpectedly ("
                    + e + "); counted in producer_observation_snapshots_total{outcome=\"failed\"}, the next snapshot in "
                    + settings.interval().toSeconds() + " s tries again. Interval polling is not affected", e);
        }
    }

    /**
     * One snapshot of the owned queues, on the calling thread.
     *
     * @return what it did, or empty when there was nothing to observe (no queue list yet, no owned queue)
     */
    public Optional<SnapshotReport> snapshot() throws InterruptedException {
        Optional<List<Queue>> known = queues.known();
        if (known.isEmpty()) {
            problems.info("no-queue-list", "Queue observations: waiting for the interval poller's first queue list");
            return Optional.empty();
        }
        OwnedShards owned = shards.current();
        List<Queue> mine = known.get().stream().filter(q -> owned.shards().stream().anyMatch(s -> s.contains(q.id()))).toList();
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        Instant started = clock.instant();
        SnapshotFetch fetch = source.fetch(mine, settings.metrics(), settings.maxRequestsPerMinute());
        String publishError = fetch.records().isEmpty() ? null : publish(fetch);
        SnapshotReport report = report(started, fetch, publishError);
        tracker.ended(report);
        logProblems(fetch, publishError, mine.size());
        return Optional.of(report);
    }

    /** @return null when Kafka acknowledged every record, else what failed */
    private String publish(SnapshotFetch fetch) throws InterruptedException {
        try {
            sink.publishAll(fetch.records());
            return null;
        } catch (PublishException | KafkaClientException e) {
            return "Kafka publisher: " + e.getMessage();
        }
    }

    private SnapshotReport report(Instant started, SnapshotFetch fetch, String publishError) {
        SnapshotOutcome outcome;
        if (publishError != null || fetch.answered() == 0) {
            outcome = SnapshotOutcome.FAILED;
        } else {
            outcome = fetch.allAnswered() ? SnapshotOutcome.COMPLETE : SnapshotOutcome.PARTIAL;
        }
        String error = publishError != null ? publishError
                : fetch.failure() != null ? "Genesys Cloud client: " + fetch.failure().getMessage() : null;
        return new SnapshotReport(started, clock.instant(), outcome, fetch.queries(), fetch.answered(), fetch.skipped(),
                publishError == null ? fetch.records().size() : 0, publishError != null, error);
    }

    private void logProblems(SnapshotFetch fetch, String publishError, int queueCount) {
        long every = settings.interval().toSeconds();
        GenesysException failure = fetch.failure();
        if (failure != null) {
            String hint = failure.isRetryable() ? "" : " — this will not go away by itself; interval polling is not affected";
            problems.warn("genesys " + failure.getClass().getSimpleName() + " " + failure.status(),
                    "Queue observations: " + failure.getMessage() + hint + ". The snapshot's other queries were not sent; "
                            + "the next snapshot in " + every + " s asks again (logged once until a snapshot completes)", null);
        }
        if (fetch.skipped() > 0) {
            problems.info("budget", "Queue observations: " + fetch.skipped() + " of " + fetch.queries() + " queries skipped — the "
                    + "request budget had no free slot (interval polling uses it) or the observations' share of "
                    + settings.maxRequestsPerMinute() + " requests a minute was used up. Counted in "
                    + "producer_observation_queries_skipped_total; the next snapshot in " + every + " s asks again");
        }
        if (publishError != null) {
            problems.warn("kafka", "Queue observations: " + publishError + "; the snapshot is dropped, the next one in " + every
                    + " s publishes anew (logged once until a snapshot completes)", null);
        }
        if (failure == null && fetch.skipped() == 0 && publishError == null) {
            problems.recovered("Queue observations: snapshot complete (" + queueCount + " queue(s), "
                    + fetch.queries() + " quer" + (fetch.queries() == 1 ? "y" : "ies") + ")");
        }
    }

    /** Stops the loop (bounded by twice {@link #STOP_GRACE}) and closes the sink. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.stop();
        Thread t = thread;
        try {
            if (t != null && t != Thread.currentThread() && !loopDone.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Observation poller did not stop within {} s; interrupting its snapshot", STOP_GRACE.toSeconds());
                t.interrupt();
                loopDone.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sink.close();
        }
    }
}
