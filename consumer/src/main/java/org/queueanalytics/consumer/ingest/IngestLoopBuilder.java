package org.queueanalytics.consumer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;

/**
 * Assembles an {@link IngestLoop} and its stages — the one place they are wired to each other.
 * Required: {@link #consumer}, {@link #decoder}, {@link #writer}, {@link #metrics},
 * {@link #batchSettings}, {@link #onFatal}; {@link #build()} names every one missing. The clock,
 * the sleeper, the start position, the stop condition and the writer thread's name have defaults
 * for the live service.
 *
 * <p>The decoder fixes the type of the rows ({@code R}), so it is set before the writer, which
 * must store rows of that type: a writer of another type does not compile.
 *
 * @param <R> the record type of the rows, {@code Object} until {@link #decoder} is set
 */
public final class IngestLoopBuilder<R> {
    private Consumer<byte[], byte[]> consumer;
    private List<String> topics;
    private RowDecoder<R> decoder;
    private BatchWriter<R> writer;
    private String writerThread = WriteScheduler.WRITER_THREAD;
    private Duration roundPause;
    private IngestMetrics metrics;
    private Supplier<BatchSettings> batchSettings;
    private FatalErrorHandler fatal;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private StartPosition startPosition = StartPosition.COMMITTED;
    private Predicate<Consumer<byte[], byte[]>> stopWhenIdle = c -> false;

    IngestLoopBuilder() {
    }

    /** The Kafka consumer (from now on touched by the loop's thread only) and the topics it subscribes to. */
    public IngestLoopBuilder<R> consumer(Consumer<byte[], byte[]> consumer, Collection<String> topics) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        return this;
    }

    /** Bytes → rows of type {@code T}; set before {@link #writer}. */
    @SuppressWarnings("unchecked") // safe: nothing typed by R is set yet (the writer comes after the decoder)
    public <T> IngestLoopBuilder<T> decoder(RowDecoder<T> decoder) {
        if (writer != null) {
            throw new IllegalStateException("IngestLoopBuilder: set the decoder before the writer (it fixes the row type)");
        }
        IngestLoopBuilder<T> typed = (IngestLoopBuilder<T>) this;
        typed.decoder = decoder;
        return typed;
    }

    /**
     * @param writer     stores a batch on the writer thread
     * @param roundPause the wait between two write rounds after one exhausted its retries; also the
     *                   longest wait after a retriable Kafka error
     */
    public IngestLoopBuilder<R> writer(BatchWriter<R> writer, Duration roundPause) {
        this.writer = writer;
        this.roundPause = roundPause;
        return this;
    }

    public IngestLoopBuilder<R> metrics(IngestMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /** Read at every batch start, so a reload of {@code batch.*} applies to the next batch. */
    public IngestLoopBuilder<R> batchSettings(Supplier<BatchSettings> batchSettings) {
        this.batchSettings = batchSettings;
        return this;
    }

    /** Told once when the loop ends on an unexpected failure (in production: log and exit 1). */
    public IngestLoopBuilder<R> onFatal(FatalErrorHandler fatal) {
        this.fatal = fatal;
        return this;
    }

    /** Batch age, commit backoff and lag refresh are measured with it (default: the system clock). */
    public IngestLoopBuilder<R> clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Every wait of the loop and the writer thread: the round pause, the wait after a Kafka error (default: real time). */
    public IngestLoopBuilder<R> sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    /** Where newly assigned partitions start (default: the committed offsets). */
    public IngestLoopBuilder<R> startPosition(StartPosition startPosition) {
        this.startPosition = startPosition;
        return this;
    }

    /**
     * Asked whenever nothing is pending, in flight or uncommitted; true ends the loop (replay until
     * caught up). Default: never.
     */
    public IngestLoopBuilder<R> stopWhenIdle(Predicate<Consumer<byte[], byte[]>> stopWhenIdle) {
        this.stopWhenIdle = stopWhenIdle;
        return this;
    }

    /** The writer thread's name (default {@code clickhouse-writer}): one per pipeline, so that log lines say which. */
    public IngestLoopBuilder<R> writerThread(String name) {
        this.writerThread = name;
        return this;
    }

    /** Wires the stages and returns the loop, ready to {@link IngestLoop#run() run} on its own thread. */
    public IngestLoop build() {
        requireAll();
        LoopStatus status = new LoopStatus();
        KafkaBackoff backoff = KafkaBackoff.upTo(roundPause);
        BatchAssembler<R> batch = new BatchAssembler<>(decoder, batchSettings, clock);
        OffsetCommitter commits = new OffsetCommitter(consumer, clock, backoff, status, metrics);
        WriteScheduler<R> writes = new WriteScheduler<>(writer, new RoundPause(roundPause, clock, sleeper), consumer::assignment,
                commits, status, metrics, writerThread);
        LagProbe lag = new LagProbe(consumer, clock, metrics);
        RebalanceHandler rebalance = new RebalanceHandler(consumer, batch, writes, commits, startPosition);
        KafkaRetry kafkaRetry = new KafkaRetry(backoff, sleeper, status);
        IngestStages<R> stages = new IngestStages<>(batch, writes, commits, lag, rebalance, kafkaRetry, status);
        return new IngestLoop(consumer, topics, stages, metrics, stopWhenIdle, fatal);
    }

    private void requireAll() {
        List<String> missing = new ArrayList<>();
        if (consumer == null) {
            missing.add("consumer");
        }
        if (decoder == null) {
            missing.add("decoder");
        }
        if (writer == null || roundPause == null) {
            missing.add("writer");
        }
        if (metrics == null) {
            missing.add("metrics");
        }
        if (batchSettings == null) {
            missing.add("batchSettings");
        }
        if (fatal == null) {
            missing.add("onFatal");
        }
        if (clock == null) {
            missing.add("clock");
        }
        if (sleeper == null) {
            missing.add("sleeper");
        }
        if (startPosition == null) {
            missing.add("startPosition");
        }
        if (stopWhenIdle == null) {
            missing.add("stopWhenIdle");
        }
        if (writerThread == null) {
            missing.add("writerThread");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("IngestLoopBuilder: set " + String.join(", ", missing) + " before build()");
        }
    }
}
