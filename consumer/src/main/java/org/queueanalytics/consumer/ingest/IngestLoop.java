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
import org.apache.kafka.common.errors.WakeupException;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
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
 * it never skips it.
 */
public final class IngestLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(20);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(5);
    private static final Duration LAG_QUERY_TIMEOUT = Duration.ofSeconds(5);

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

    private PendingBatch pending;
    private InFlight inFlight;
    private Instant nextLagAt = Instant.MIN;
    private int failedRounds;

    /** Where newly assigned partitions start: from the committed offsets, or a replay position. */
    @FunctionalInterface
    public interface StartPosition {
        void onAssigned(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions);

        StartPosition COMMITTED = (consumer, partitions) -> { };
    }

    private record InFlight(PendingBatch batch, CompletableFuture<BatchWriter.Written> result) {
    }

    /**
     * @param batchSettings read at every batch start, so a reload of {@code batch.*} applies to the next batch
     * @param roundPause    the wait between two write rounds after one exhausted its retries
     * @param stopWhenIdle  asked whenever nothing is pending or in flight (all consumed records stored and
     *                      committed); true ends the loop (replay until caught up)
     */
    public IngestLoop(Consumer<byte[], byte[]> consumer, Collection<String> topics, RecordDecoder decoder, BatchWriter writer,
                      IngestMetrics metrics, Clock clock, Supplier<BatchSettings> batchSettings, Duration roundPause,
                      StartPosition startPosition, Predicate<Consumer<byte[], byte[]>> stopWhenIdle) {
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
                applyBackPressure();
                ConsumerRecords<byte[], byte[]> records = pollQuietly();
                accept(records);
                completeInFlightIfDone();
                startWriteIfDue();
                refreshLagIfDue();
                if (pending.isEmpty() && inFlight == null && stopWhenIdle.test(consumer)) {
                    running.set(false);
                }
            }
        } finally {
            finishInFlight(SHUTDOWN_WAIT, List.of(), true);
            writerThread.shutdownNow();
            try {
                writerThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            readiness.set(Readiness.notReady("stopped"));
        }
    }

    private ConsumerRecords<byte[], byte[]> pollQuietly() {
        try {
            if (inFlight != null && pending.isFull()) {
                // Back-pressure: every partition is paused, so poll() could only sleep out its
                // timeout while the writer may finish much sooner. Wait for the write instead
                // (same bound), then poll without blocking — membership is kept as before, and the
                // next batch goes to the writer the moment it is free (about 1.4x throughput when
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
        CompletableFuture<BatchWriter.Written> result = new CompletableFuture<>();
        writerThread.execute(() -> {
            try {
                long waitMs = Duration.between(clock.instant(), notBefore).toMillis();
                if (waitMs > 0) {
                    Thread.sleep(waitMs);
                }
                result.complete(writer.write(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        inFlight = new InFlight(batch, result);
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
            commit(done.batch());
            failedRounds = 0;
            readiness.set(Readiness.ok());
            LOG.debug("stored batch: {} rows, {} dead letters", written.rows(), written.deadLetters());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HaltClickHouseException halt) {
                // The error policy's "halt": no new round; this escapes run() so the consumer exits 1. Nothing is committed.
                throw new IllegalStateException("ClickHouse refuses the consumer's writes as configured; stopping so that "
                        + "an operator fixes it: " + halt.getMessage(), halt);
            }
            failedRounds++;
            String reason = "write round " + failedRounds + " failed, retrying the same batch in " + roundPause + ": " + cause.getMessage();
            readiness.set(Readiness.notReady(reason));
            LOG.error("{}", reason);
            retryRound(done.batch(), leaving, clock.instant().plus(roundPause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the failed batch again after {@link #roundPause}; the accumulating batch waits behind
     * it, in offset order. Rows of partitions we no longer own (or are giving up) are dropped:
     * their next owner re-reads them from the committed offset.
     */
    private void retryRound(PendingBatch failed, Collection<TopicPartition> leaving, Instant nextRoundAt) {
        Set<TopicPartition> assigned = consumer.assignment();
        failed.dropPartitions(failed.partitions().stream().filter(tp -> !assigned.contains(tp) || leaving.contains(tp)).toList());
        if (!failed.isEmpty()) {
            submit(failed, nextRoundAt);
        }
    }

    private void commit(PendingBatch batch) {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(batch.commitOffsets());
        offsets.keySet().retainAll(assigned);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            metrics.committed(batch);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The rows are stored; the partition's next owner re-reads them and ReplacingMergeTree keeps one copy.
            LOG.warn("offset commit after a stored batch failed ({}); those records will be read again", e.getMessage());
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
            pending.dropPartitions(partitions);
            LOG.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
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
