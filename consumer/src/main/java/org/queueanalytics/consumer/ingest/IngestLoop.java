package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.queueanalytics.common.admin.Liveness;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's poll loop and back-pressure; it drives the stages {@link IngestLoopBuilder}
 * wired for it. Thread ownership: {@link #run()} is the only code that touches the
 * {@link Consumer} (the stages it calls, and the {@link RebalanceHandler} Kafka calls inside
 * {@code poll()}, run on this thread too); batches are stored on the writer thread of the
 * {@link WriteScheduler} so that the loop keeps calling {@code poll()} — and the consumer keeps its
 * group membership — while ClickHouse is slow or down.
 *
 * <p>One step: pause or resume the partitions (back-pressure), poll, take the records into the
 * batch being filled ({@link BatchAssembler}), settle a finished write ({@link WriteScheduler}),
 * commit what is stored ({@link OffsetCommitter}), hand a due batch to the writer, refresh the lag
 * metrics ({@link LagProbe}).
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
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final IngestStages<?> stages;
    private final BatchAssembler<?> batch;
    private final WriteScheduler<?> writes;
    private final OffsetCommitter commits;
    private final LagProbe lag;
    private final RebalanceHandler rebalance;
    private final KafkaRetry kafkaRetry;
    private final LoopStatus status;
    private final IngestMetrics metrics;
    private final Predicate<Consumer<byte[], byte[]>> stopWhenIdle;
    private final FatalErrorHandler fatal;

    /** Assembles a loop: {@link IngestLoopBuilder#build()}; its {@link IngestLoopBuilder#decoder decoder} fixes the row type. */
    public static IngestLoopBuilder<Object> builder() {
        return new IngestLoopBuilder<>();
    }

    IngestLoop(Consumer<byte[], byte[]> consumer, List<String> topics, IngestStages<?> stages, IngestMetrics metrics,
               Predicate<Consumer<byte[], byte[]>> stopWhenIdle, FatalErrorHandler fatal) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.stages = stages;
        this.batch = stages.batch();
        this.writes = stages.writes();
        this.commits = stages.commits();
        this.lag = stages.lag();
        this.rebalance = stages.rebalance();
        this.kafkaRetry = stages.kafkaRetry();
        this.status = stages.status();
        this.metrics = metrics;
        this.stopWhenIdle = stopWhenIdle;
        this.fatal = fatal;
    }

    /** The loop's state; while it is fine, the writer's (not ready while ClickHouse answers {@code retry}). */
    public Readiness readiness() {
        Readiness loopState = status.readiness();
        return loopState.ready() ? writes.writerReadiness() : loopState;
    }

    /** Alive from construction until {@link #run()} returns (for {@code /healthz}). */
    public Liveness liveness() {
        return status.liveness();
    }

    /** The unexpected failure that ended the loop, if one did. */
    public Optional<Throwable> failure() {
        return status.failure();
    }

    /** Asks the loop to finish: it stops polling, lets the batch in flight finish (bounded) and commits it. */
    public void stop() {
        if (status.stopRunning()) {
            consumer.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, rebalance);
            status.ready();
            while (status.isRunning()) {
                try {
                    step();
                    kafkaRetry.succeeded();
                } catch (RetriableException e) {
                    kafkaRetry.failed(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (status.isRunning()) {
                status.failed(e);
            }
        } catch (WakeupException e) {
            if (status.isRunning()) {
                status.failed(e);
            }
        } catch (Throwable e) { // the boundary of this thread: nothing may end it silently
            status.failed(e);
        } finally {
            status.stopRunning();
            shutDown();
        }
        Optional<Throwable> failed = status.failure();
        if (failed.isPresent()) {
            String why = "the ingest loop failed: " + failed.get();
            status.ended(Liveness.notRunning(why), Readiness.notReady(why));
            fatal.fatal("consumer ingest loop", failed.get());
        } else {
            status.ended(Liveness.notRunning("the ingest loop stopped"));
        }
    }

    private void step() throws InterruptedException {
        applyBackPressure();
        ConsumerRecords<byte[], byte[]> records = pollQuietly();
        accept(records);
        writes.settleIfDone();
        commits.commitIfDue();
        startWriteIfDue();
        lag.refreshIfDue();
        if (batch.isEmpty() && writes.idle() && commits.allCommitted() && stopWhenIdle.test(consumer)) {
            status.stopRunning();
        }
    }

    /** Lets the batch in flight finish (bounded), commits what is stored, stops the writer, closes the consumer. */
    private void shutDown() {
        try {
            writes.finishBeforeShutdown(SHUTDOWN_WAIT);
            commits.commitNow();
        } catch (RuntimeException e) {
            LOG.warn("final offset commit failed ({}); the records after the last commit will be read again", e.toString());
        }
        writes.close();
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("closing the Kafka consumer failed: {}", e.toString());
        }
        status.notReady("stopped");
    }

    private ConsumerRecords<byte[], byte[]> pollQuietly() {
        try {
            if (!writes.idle() && batch.isFull()) {
                // Back-pressure: every partition is paused, so poll() could only sleep out its
                // timeout while the writer may finish much sooner. Wait for the write instead
                // (same bound), then poll without blocking — membership is kept as before, and the
                // next batch goes to the writer the moment it is free (measured: docs/BENCHMARKS.md).
                writes.awaitInFlight(POLL_TIMEOUT);
                return consumer.poll(Duration.ZERO);
            }
            return consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /**
     * Takes the polled records into the batch being filled, partition by partition, while there is
     * room (handing a full batch to the writer when it is idle). What does not fit is given back: its
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
                batch.take(polled.get(i++), tp);
            }
            if (i < polled.size()) {
                consumer.seek(tp, polled.get(i).offset());
            }
            taken += i;
        }
        metrics.consumed(taken);
    }

    /** Room for one more record: in the batch being filled, or in a new one when the full one could be handed over. */
    private boolean hasRoom() {
        if (batch.isFull()) {
            startWriteIfDue();
        }
        return !batch.isFull();
    }

    /** Pause everything while the next batch is full and the previous one is still being written. */
    private void applyBackPressure() {
        if (batch.isFull()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void startWriteIfDue() {
        if (writes.idle() && batch.isDue()) {
            stages.startWrite();
        }
    }
}
