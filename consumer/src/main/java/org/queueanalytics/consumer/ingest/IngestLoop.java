package org.queueanalytics.consumer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.queueanalytics.common.admin.Liveness;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's poll loop. Thread ownership: {@link #run()} is the only code that touches the
 * {@link Consumer}; batches are stored on a separate writer thread so that the loop keeps
 * calling {@code poll()} — and the consumer keeps its group membership — while ClickHouse is
 * slow or down.
 *
 * <p>Delivery contract: offsets are committed only for a batch the {@link BatchWriter} stored
 * completely (rows acknowledged by ClickHouse, dead letters acknowledged by Kafka), as
 * {@code last offset + 1} per partition. At most one batch is being written while the next
 * accumulates; when that one is full too, every assigned partition is paused (back-pressure),
 * so memory stays bounded by two batches whatever the lag: records of a poll that fit in neither
 * are left in Kafka (the partition is sought back to the first of them) and read again once there
 * is room, so no batch exceeds {@code batch.max_rows}. A failed write round
 * (retries exhausted) makes the loop not-ready and starts a new round with the same batch —
 * it never skips it. A batch whose rows are stored but whose dead letters the DLQ did not take
 * retries the dead-lettering only: its rows are not inserted again.
 *
 * <p>Failure policy (the loop never dies silently): a retriable Kafka error ({@link RetriableException},
 * e.g. a commit timing out while the coordinator moves or the broker is down) makes the loop
 * not-ready and is retried with backoff — a failed commit keeps its offsets and commits them (or
 * later ones) on a later attempt; a commit refused after a rebalance keeps only the offsets of
 * partitions still assigned. Anything else — another exception or an {@code Error}, on this thread
 * or the writer thread — ends the loop: nothing more is committed, {@link #liveness()} turns to not
 * running and the {@link FatalErrorHandler} is told once (in production: log and exit 1).
 */
public final class IngestLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(20);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(5);
    private static final Duration LAG_QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_KAFKA_BACKOFF = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final Collection<String> topics;
    private final RecordDecoder decoder;
    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Supplier<BatchSettings> batchSettings;
    private final Duration roundPause;
    private final ExecutorService writerThread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.notReady("starting"));
    private final StartPosition startPosition;
    private final Predicate<Consumer<byte[], byte[]>> stopWhenIdle;
    private final FatalErrorHandler fatal;
    private final Pause pause;
    private final AtomicReference<Liveness> liveness = new AtomicReference<>(Liveness.alive("starting"));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private PendingBatch pending;
    private InFlight inFlight;
    private Instant nextLagAt = Instant.MIN;
    private int failedRounds;
    /** Offsets of stored batches not committed yet (a commit failed); committed with the next attempt. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private Instant nextCommitAt = Instant.MIN;
    private int failedCommits;
    private int kafkaFailures;

    /** Waits between retries of a Kafka call (injected so tests need not sleep). */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;

        Pause SLEEP = d -> Thread.sleep(d.toMillis());
    }

    /** Where newly assigned partitions start: from the committed offsets, or a replay position. */
    @FunctionalInterface
    public interface StartPosition {
        void onAssigned(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions);

        StartPosition COMMITTED = (consumer, partitions) -> { };
    }

    private record InFlight(PendingBatch batch, Progress progress, CompletableFuture<BatchWriter.Written> result) {
    }

    /** How far a batch got: once its rows are stored, a new round only dead-letters. Written by the writer thread. */
    private static final class Progress {
        volatile BatchWriter.Inserted inserted;
    }

    /**
     * @param batchSettings read at every batch start, so a reload of {@code batch.*} applies to the next batch
     * @param roundPause    the wait between two write rounds after one exhausted its retries
     * @param stopWhenIdle  asked whenever nothing is pending or in flight (all consumed records stored and
     *                      committed); true ends the loop (replay until caught up)
     * @param fatal         told once when the loop ends on an unexpected failure (see the class comment)
     * @param pause         the wait before retrying after a retriable Kafka error
     */
    public IngestLoop(Consumer<byte[], byte[]> consumer, Collection<String> topics, RecordDecoder decoder, BatchWriter writer,
                      IngestMetrics metrics, Clock clock, Supplier<BatchSettings> batchSettings, Duration roundPause,
                      StartPosition startPosition, Predicate<Consumer<byte[], byte[]>> stopWhenIdle,
                      FatalErrorHandler fatal, Pause pause) {
        this.fatal = fatal;
        this.pause = pause;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.decoder = decoder;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
        this.batchSettings = batchSettings;
        this.roundPause = roundPause;
        this.startPosition = startPosition;
        this.stopWhenIdle = stopWhenIdle;
        this.writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clickhouse-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The loop's state; while it is fine, the writer's (not ready while ClickHouse answers {@code retry}). */
    public Readiness readiness() {
        Readiness loopState = readiness.get();
        return loopState.ready() ? writer.readiness() : loopState;
    }

    /** Alive from construction until {@link #run()} returns (for {@code /healthz}). */
    public Liveness liveness() {
        return liveness.get();
    }

    /** The unexpected failure that ended the loop, if one did. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    /** Asks the loop to finish: it stops polling, lets the batch in flight finish (bounded) and commits it. */
    public void stop() {
        if (running.compareAndSet(true, false)) {
            consumer.wakeup();
        }
    }

    @Override
    public void run() {
        pending = newBatch();
        try {
            consumer.subscribe(topics, new Rebalance());
            readiness.set(Readiness.ok());
            while (running.get()) {
                try {
                    step();
                    kafkaFailures = 0;
                } catch (RetriableException e) {
                    kafkaUnavailable(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running.get()) {
                failure.compareAndSet(null, e);
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure.compareAndSet(null, e);
            }
        } catch (Throwable e) { // the boundary of this thread: nothing may end it silently
            failure.compareAndSet(null, e);
        } finally {
            running.set(false);
            shutDown();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            liveness.set(Liveness.notRunning("the ingest loop failed: " + failed));
            readiness.set(Readiness.notReady("the ingest loop failed: " + failed));
            fatal.fatal("consumer ingest loop", failed);
        } else {
            liveness.set(Liveness.notRunning("the ingest loop stopped"));
        }
    }

    private void step() throws InterruptedException {
        applyBackPressure();
        ConsumerRecords<byte[], byte[]> records = pollQuietly();
        accept(records);
        completeInFlightIfDone();
        commitIfDue();
        startWriteIfDue();
        refreshLagIfDue();
        if (pending.isEmpty() && inFlight == null && uncommitted.isEmpty() && stopWhenIdle.test(consumer)) {
            running.set(false);
        }
    }

    /** A retriable Kafka error outside a commit: not ready, wait (exponential, up to the round pause), poll again. */
    private void kafkaUnavailable(RetriableException e) throws InterruptedException {
        kafkaFailures++;
        Duration wait = backoff(kafkaFailures);
        String reason = "Kafka unavailable (" + e + "); retrying in " + wait.toMillis() + " ms";
        readiness.set(Readiness.notReady(reason));
        if (kafkaFailures == 1) {
            LOG.warn("{}", reason);
        }
        pause.pause(wait);
    }

    private Duration backoff(int attempt) {
        Duration wait = FIRST_KAFKA_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
        return wait.compareTo(roundPause) > 0 ? roundPause : wait;
    }

    /** Lets the batch in flight finish (bounded), commits what is stored, stops the writer, closes the consumer. */
    private void shutDown() {
        try {
            finishInFlight(SHUTDOWN_WAIT, List.of(), true);
            nextCommitAt = Instant.MIN;
            commitIfDue();
        } catch (RuntimeException e) {
            LOG.warn("final offset commit failed ({}); the records after the last commit will be read again", e.toString());
        }
        writerThread.shutdownNow();
        try {
            writerThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            LOG.warn("closing the Kafka consumer failed: {}", e.toString());
        }
        readiness.set(Readiness.notReady("stopped"));
    }

    private ConsumerRecords<byte[], byte[]> pollQuietly() {
        try {
            if (inFlight != null && pending.isFull()) {
                // Back-pressure: every partition is paused, so poll() could only sleep out its
                // timeout while the writer may finish much sooner. Wait for the write instead
                // (same bound), then poll without blocking — membership is kept as before, and the
                // next batch goes to the writer the moment it is free (what that bought when
                // catching up: docs/BENCHMARKS.md).
                awaitQuietly(inFlight.result(), POLL_TIMEOUT);
                return consumer.poll(Duration.ZERO);
            }
            return consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /** Waits up to {@code wait} for {@code result}; its outcome is handled by {@link #settle}. */
    private static void awaitQuietly(CompletableFuture<?> result, Duration wait) {
        try {
            result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a failed write is settled by completeInFlightIfDone; a slow one keeps the loop polling
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the polled records into the pending batch, partition by partition, while there is room
     * (handing a full batch to the writer when it is idle). What does not fit is given back: its
     * partition is sought to the first record not taken, and the back-pressure pause keeps it there.
     */
    private void accept(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        int taken = 0;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(tp);
            int i = 0;
            while (i < polled.size() && hasRoom()) {
                take(polled.get(i++), tp);
            }
            if (i < polled.size()) {
                consumer.seek(tp, polled.get(i).offset());
            }
            taken += i;
        }
        metrics.consumed(taken);
    }

    /** Room for one more record: in the pending batch, or in a new one when the full one could be handed over. */
    private boolean hasRoom() {
        if (pending.isFull()) {
            startWriteIfDue();
        }
        return !pending.isFull();
    }

    private void take(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
        if (pending.isEmpty()) {
            // A batch opens with its first record: linger counts from there, and batch.* settings
            // reloaded while it was empty apply to it.
            pending = newBatch();
        }
        RecordDecoder.Decoded decoded = decoder.decode(record, partition);
        if (decoded.row() != null) {
            pending.addRow(decoded.row());
        } else {
            LOG.warn("record {}-{}@{} goes to the DLQ: {}", record.topic(), record.partition(), record.offset(),
                    decoded.deadLetter().message());
            pending.addDeadLetter(decoded.deadLetter());
        }
    }

    /** Pause everything while the next batch is full and the previous one is still being written. */
    private void applyBackPressure() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (pending.isFull()) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void startWriteIfDue() {
        Instant now = clock.instant();
        if (inFlight != null || !pending.isDue(now)) {
            return;
        }
        PendingBatch batch = pending;
        pending = newBatch();
        submit(batch, now);
    }

    /** Hands {@code batch} to the writer thread, which first waits until {@code notBefore} (a new round's pause). */
    private void submit(PendingBatch batch, Instant notBefore) {
        submit(batch, new Progress(), notBefore);
    }

    private void submit(PendingBatch batch, Progress progress, Instant notBefore) {
        CompletableFuture<BatchWriter.Written> result = new CompletableFuture<>();
        writerThread.execute(() -> {
            try {
                long waitMs = Duration.between(clock.instant(), notBefore).toMillis();
                if (waitMs > 0) {
                    Thread.sleep(waitMs);
                }
                if (progress.inserted == null) {
                    progress.inserted = writer.insert(batch);
                }
                BatchWriter.Inserted stored = progress.inserted;
                writer.deadLetter(stored.deadLetters());
                result.complete(new BatchWriter.Written(stored.rows(), stored.deadLetters().size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (Throwable e) { // an Error too: the poll loop decides, the writer never stalls silently
                result.completeExceptionally(e);
            }
        });
        inFlight = new InFlight(batch, progress, result);
    }

    /**
     * A failure that a new round may cure: ClickHouse unhealthy, the DLQ unavailable. The error
     * policy's {@code halt} (authentication, unknown table…) is not: it ends the loop like any other
     * unexpected failure, so the process exits 1 and an operator sees it; nothing was committed.
     */
    private static boolean isRoundFailure(Throwable cause) {
        return (cause instanceof ClickHouseException && !(cause instanceof HaltClickHouseException))
                || cause instanceof DeadLetterPublisher.DeadLetterException
                || cause instanceof InterruptedException;
    }

    private void completeInFlightIfDone() {
        if (inFlight != null && inFlight.result().isDone()) {
            settle(inFlight, List.of());
        }
    }

    /** Handles a finished write: commit on success, or schedule a new round with the same batch. */
    private void settle(InFlight done, Collection<TopicPartition> leaving) {
        inFlight = null;
        try {
            BatchWriter.Written written = done.result().get();
            stored(done.batch());
            failedRounds = 0;
            readyIfHealthy();
            LOG.debug("stored batch: {} rows, {} dead letters", written.rows(), written.deadLetters());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!isRoundFailure(cause)) {
                failure.compareAndSet(null, cause);
                running.set(false);
                return;
            }
            failedRounds++;
            boolean rowsStored = done.progress().inserted != null;
            String reason = rowsStored
                    ? "dead-lettering round " + failedRounds + " failed, retrying the dead letters only (the rows are stored) in "
                            + roundPause + ": " + cause.getMessage()
                    : "write round " + failedRounds + " failed, retrying the same batch in " + roundPause + ": " + cause.getMessage();
            readiness.set(Readiness.notReady(reason));
            if (rowsStored) {
                metrics.deadLetterFailed();
            }
            LOG.error("{}", reason);
            retryRound(done, leaving, clock.instant().plus(roundPause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the failed batch again after {@link #roundPause} (only its dead letters when its rows are
     * stored); the accumulating batch waits behind it, in offset order. Records of partitions we no
     * longer own (or are giving up) are dropped: their next owner re-reads them from the committed offset.
     */
    private void retryRound(InFlight failed, Collection<TopicPartition> leaving, Instant nextRoundAt) {
        Set<TopicPartition> assigned = consumer.assignment();
        PendingBatch batch = failed.batch();
        List<TopicPartition> gone = batch.partitions().stream().filter(tp -> !assigned.contains(tp) || leaving.contains(tp)).toList();
        batch.dropPartitions(gone);
        Progress progress = failed.progress();
        if (progress.inserted != null) {
            progress.inserted = progress.inserted.without(gone);
        }
        if (!batch.isEmpty()) {
            submit(batch, progress, nextRoundAt);
        }
    }

    /** A batch is stored: its offsets join those waiting for a commit, which is tried at once. */
    private void stored(PendingBatch batch) {
        batch.commitOffsets().forEach((tp, offset) -> uncommitted.merge(tp, offset,
                (a, b) -> a.offset() >= b.offset() ? a : b));
        metrics.stored(batch);
        nextCommitAt = Instant.MIN;
        commitIfDue();
    }

    /**
     * Commits the offsets of every stored batch not committed yet, for the partitions still assigned.
     * A retriable failure (timeout, coordinator moving) keeps them and retries with backoff while the
     * loop keeps polling; a commit refused because of a rebalance keeps them too — the rebalance
     * listener drops the partitions we lose, so only offsets of stored records of our own partitions
     * are ever committed.
     */
    private void commitIfDue() {
        if (uncommitted.isEmpty() || clock.instant().isBefore(nextCommitAt)) {
            return;
        }
        uncommitted.keySet().retainAll(consumer.assignment());
        if (uncommitted.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach(uncommitted::remove);
            if (failedCommits > 0) {
                LOG.info("offsets committed after {} failed attempt(s)", failedCommits);
            }
            failedCommits = 0;
            metrics.committed();
            readyIfHealthy();
        } catch (RetriableException | CommitFailedException | RebalanceInProgressException | WakeupException e) {
            failedCommits++;
            metrics.commitFailed();
            Duration wait = backoff(failedCommits);
            nextCommitAt = clock.instant().plus(wait);
            String reason = "offset commit failed (attempt " + failedCommits + ", " + e + "); the rows are stored, "
                    + "the commit is retried in " + wait.toMillis() + " ms";
            readiness.set(Readiness.notReady(reason));
            if (failedCommits == 1 || failedCommits % 10 == 0) {
                LOG.warn("{}", reason);
            }
        }
    }

    private void readyIfHealthy() {
        if (failedRounds == 0 && failedCommits == 0) {
            readiness.set(Readiness.ok());
        }
    }

    /**
     * Waits (bounded) for the batch in flight. On success its offsets are committed. On failure
     * during shutdown nothing is committed (a restart re-reads it); otherwise a new round starts
     * with the batch minus {@code leaving} partitions, whose next owner re-reads them.
     */
    private void finishInFlight(Duration wait, Collection<TopicPartition> leaving, boolean shuttingDown) {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the batch in flight did not finish within {}; its offsets stay uncommitted", wait);
            return;
        } catch (ExecutionException e) {
            if (shuttingDown) {
                if (!isRoundFailure(e.getCause())) {
                    failure.compareAndSet(null, e.getCause());
                }
                inFlight = null;
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        settle(inFlight, leaving);
    }

    /**
     * Measures every assigned partition's lag (log end offset minus committed offset, i.e. records not
     * yet stored in ClickHouse) for the metrics, every {@link #LAG_REFRESH}. Two bounded metadata
     * requests; a failure keeps the previous values — observability never disturbs ingestion.
     */
    private void refreshLagIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextLagAt)) {
            return;
        }
        nextLagAt = now.plus(LAG_REFRESH);
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            metrics.lag(Map.of());
            return;
        }
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, LAG_QUERY_TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, LAG_QUERY_TIMEOUT);
            List<TopicPartition> neverCommitted = assigned.stream().filter(tp -> committed.get(tp) == null).toList();
            Map<TopicPartition, Long> beginning = neverCommitted.isEmpty() ? Map.of()
                    : consumer.beginningOffsets(neverCommitted, LAG_QUERY_TIMEOUT);
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition tp : assigned) {
                Long endOffset = end.get(tp);
                OffsetAndMetadata done = committed.get(tp);
                Long from = done != null ? Long.valueOf(done.offset()) : beginning.get(tp);
                if (endOffset != null && from != null) {
                    lag.put(tp, Math.max(0, endOffset - from));
                }
            }
            metrics.lag(lag);
        } catch (KafkaException e) {
            LOG.debug("consumer lag not measured this time: {}", e.toString());
        }
    }

    private PendingBatch newBatch() {
        return new PendingBatch(batchSettings.get(), clock.instant());
    }

    /** Never commits unwritten records: revoked partitions are either committed after their write finished, or dropped. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (inFlight != null && partitions.stream().anyMatch(inFlight.batch().partitions()::contains)) {
                finishInFlight(REVOKE_WAIT, partitions, false);
            }
            if (partitions.stream().anyMatch(uncommitted::containsKey)) {
                nextCommitAt = Instant.MIN;
                commitIfDue(); // last chance for the stored records of these partitions; else their next owner re-reads them
            }
            partitions.forEach(uncommitted::remove);
            pending.dropPartitions(partitions);
            LOG.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(uncommitted::remove);
            pending.dropPartitions(partitions);
            LOG.warn("partitions lost (no commit possible): {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                startPosition.onAssigned(consumer, partitions);
                LOG.info("partitions assigned: {}", partitions);
            }
        }
    }
}
