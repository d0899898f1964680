package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch in flight: hands one batch at a time to the {@code clickhouse-writer} thread (which
 * stores it through the {@link BatchWriter}) and settles its outcome on the poll thread. A stored
 * batch goes to the {@link OffsetCommitter}. A failed round (retries exhausted) makes the loop not
 * ready and starts a new round with the same batch after the {@link RoundPause} — it never skips
 * it; a batch whose rows are stored but whose dead letters the DLQ did not take retries the
 * dead-lettering only: its rows are not inserted again.
 *
 * <p>Thread ownership: every method but the writer task runs on the poll thread.
 *
 * @param <R> the record type of the batches' rows
 */
final class WriteScheduler<R> implements AutoCloseable {
    /** The writer thread's name when none is given. */
    static final String WRITER_THREAD = "clickhouse-writer";

    /** Logs as the ingest loop, as before the stages were split out of it (same log lines, same logger). */
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    private final BatchWriter<R> writer;
    private final RoundPause roundPause;
    private final Supplier<Set<TopicPartition>> assignment;
    private final OffsetCommitter commits;
    private final LoopStatus status;
    private final IngestMetrics metrics;
    private final ExecutorService writerThread;
    private InFlight<R> inFlight;
    private int failedRounds;

    private record InFlight<R>(PendingBatch<R> batch, Progress progress, CompletableFuture<BatchWriter.Written> result) {
    }

    /** How far a batch got: once its rows are stored, a new round only dead-letters. Written by the writer thread. */
    private static final class Progress {
        volatile BatchWriter.Inserted inserted;
    }

    /**
     * @param assignment the partitions the consumer owns now (a new round drops the records of the others)
     * @param commits    takes every stored batch
     */
    WriteScheduler(BatchWriter<R> writer, RoundPause roundPause, Supplier<Set<TopicPartition>> assignment,
                   OffsetCommitter commits, LoopStatus status, IngestMetrics metrics) {
        this(writer, roundPause, assignment, commits, status, metrics, WRITER_THREAD);
    }

    /** @param threadName the writer thread's name (one per pipeline, so that its log lines say which) */
    WriteScheduler(BatchWriter<R> writer, RoundPause roundPause, Supplier<Set<TopicPartition>> assignment,
                   OffsetCommitter commits, LoopStatus status, IngestMetrics metrics, String threadName) {
        this.writer = writer;
        this.roundPause = roundPause;
        this.assignment = assignment;
        this.commits = commits;
        this.status = status;
        this.metrics = metrics;
        this.writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The writer's state: not ready while ClickHouse answers {@code retry}. */
    Readiness writerReadiness() {
        return writer.readiness();
    }

    /** No batch is being written: the next one may start. */
    boolean idle() {
        return inFlight == null;
    }

    /** A batch with records of any of {@code partitions} is being written. */
    boolean writing(Collection<TopicPartition> partitions) {
        return inFlight != null && partitions.stream().anyMatch(inFlight.batch().partitions()::contains);
    }

    /** Hands a new {@code batch} to the writer thread, to be written at once; only when {@link #idle()}. */
    void start(PendingBatch<R> batch) {
        submit(batch, new Progress(), null);
    }

    /** Waits up to {@code wait} for the batch in flight (if any); its outcome is handled by {@link #settleIfDone()}. */
    void awaitInFlight(Duration wait) {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a failed write is settled by settleIfDone; a slow one keeps the loop polling
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settles the batch in flight if its write has finished. */
    void settleIfDone() {
        if (inFlight != null && inFlight.result().isDone()) {
            settle(inFlight, List.of());
        }
    }

    /**
     * Partitions are being revoked: waits (bounded) for the batch in flight. On success its offsets
     * are committed; on failure a new round starts with the batch minus {@code leaving}, whose next
     * owner re-reads them.
     */
    void finishBeforeRevoke(Duration wait, Collection<TopicPartition> leaving) {
        finish(wait, leaving, false);
    }

    /** The loop is stopping: waits (bounded) for the batch in flight; on failure nothing is committed (a restart re-reads it). */
    void finishBeforeShutdown(Duration wait) {
        finish(wait, List.of(), true);
    }

    /** Stops the writer thread (interrupting a write or a round pause), bounded. */
    @Override
    public void close() {
        writerThread.shutdownNow();
        try {
            writerThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param notBefore when a new round of a failed batch may start; null for a new batch (no pause) */
    private void submit(PendingBatch<R> batch, Progress progress, Instant notBefore) {
        CompletableFuture<BatchWriter.Written> result = new CompletableFuture<>();
        writerThread.execute(() -> {
            try {
                if (notBefore != null) {
                    roundPause.awaitUntil(notBefore);
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
        inFlight = new InFlight<>(batch, progress, result);
    }

    /**
     * A failure that a new round may cure: ClickHouse unhealthy, the DLQ unavailable. The error
     * policy's {@code halt} (authentication, unknown table…) is not: it ends the loop like any other
     * unexpected failure, so the process exits 1 and an operator sees it; nothing was committed.
     */
    static boolean isRoundFailure(Throwable cause) {
        return (cause instanceof ClickHouseException && !(cause instanceof HaltClickHouseException))
                || cause instanceof DeadLetterPublisher.DeadLetterException
                || cause instanceof InterruptedException;
    }

    private void finish(Duration wait, Collection<TopicPartition> leaving, boolean shuttingDown) {
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
                    status.failed(e.getCause());
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

    /** Handles a finished write: commit on success, or schedule a new round with the same batch. */
    private void settle(InFlight<R> done, Collection<TopicPartition> leaving) {
        inFlight = null;
        try {
            BatchWriter.Written written = done.result().get();
            commits.stored(done.batch());
            failedRounds = 0;
            status.writeSucceeded();
            LOG.debug("stored batch: {} rows, {} dead letters", written.rows(), written.deadLetters());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!isRoundFailure(cause)) {
                status.failed(cause);
                status.stopRunning();
                return;
            }
            failedRounds++;
            boolean rowsStored = done.progress().inserted != null;
            String reason = rowsStored
                    ? "dead-lettering round " + failedRounds + " failed, retrying the dead letters only (the rows are stored) in "
                            + roundPause.duration() + ": " + cause.getMessage()
                    : "write round " + failedRounds + " failed, retrying the same batch in " + roundPause.duration() + ": "
                            + cause.getMessage();
            status.writeRoundFailed(reason);
            if (rowsStored) {
                metrics.deadLetterFailed();
            }
            LOG.error("{}", reason);
            retryRound(done, leaving, roundPause.nextRoundAt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the failed batch again after the round pause (only its dead letters when its rows are
     * stored); the accumulating batch waits behind it, in offset order. Records of partitions we no
     * longer own (or are giving up) are dropped: their next owner re-reads them from the committed offset.
     */
    private void retryRound(InFlight<R> failed, Collection<TopicPartition> leaving, Instant nextRoundAt) {
        Set<TopicPartition> assigned = assignment.get();
        PendingBatch<R> batch = failed.batch();
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
}
