package org.queueanalytics.consumer.ingest;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.DataClickHouseException;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
import org.queueanalytics.consumer.clickhouse.InsertResult;
import org.queueanalytics.consumer.clickhouse.TransientClickHouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one batch: its rows into ClickHouse, its dead letters into the DLQ. Runs on the writer
 * thread; blocking by design. Returning normally means everything in the batch is stored and
 * its offsets may be committed. What each ClickHouse failure means was decided once, by the
 * error policy ({@link ClickHouseException#action()}):
 *
 * <ul>
 *   <li>{@code retry}: back off (exponential, with jitter) and send the same rows again — never
 *       split them, never dead-letter them. Meanwhile {@link #readiness()} is not ready. When the
 *       attempts run out the failure surfaces and the caller starts a new round with the same batch.</li>
 *   <li>{@code dead-letter}: split the rows in halves at once (no backoff) until the bad ones are
 *       alone; those become dead letters, the good ones are written.</li>
 *   <li>{@code halt}: stop writing and throw the {@link HaltClickHouseException}: only an operator
 *       can fix it, so the consumer exits 1 (nothing of the batch is committed).</li>
 * </ul>
 *
 * @param <R> the record type of the pipeline's rows
 */
public final class BatchWriter<R> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final RowSink<R> sink;
    private final RowEncoder<R> encoder;
    private final DeadLetterPublisher deadLetters;
    private final SourceRecords sources;
    private final IngestMetrics metrics;
    private final int maxAttempts;
    private final IntervalFunction backoff;
    private final Sleeper sleeper;
    /** Why the last insert is being retried; null while ClickHouse answers. */
    private final AtomicReference<String> retrying = new AtomicReference<>();

    /**
     * {@code sources} gives back the original of a row ClickHouse rejected (batches keep decoded rows only);
     * {@code encoder} writes the row itself when Kafka no longer has it.
     */
    public BatchWriter(RowSink<R> sink, RowEncoder<R> encoder, DeadLetterPublisher deadLetters, SourceRecords sources,
                       RetrySettings settings, IngestMetrics metrics) {
        this(sink, encoder, deadLetters, sources, settings, metrics, Sleeper.REAL);
    }

    public BatchWriter(RowSink<R> sink, RowEncoder<R> encoder, DeadLetterPublisher deadLetters, SourceRecords sources,
                       RetrySettings settings, IngestMetrics metrics, Sleeper sleeper) {
        this.sink = sink;
        this.encoder = encoder;
        this.deadLetters = deadLetters;
        this.sources = sources;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.maxAttempts = settings.maxRetries() + 1;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.baseDelay(), 2.0, 0.5, settings.maxDelay());
    }

    /** Outcome of a stored batch. */
    public record Written(int rows, int deadLetters) {
    }

    /** Not ready while an insert is being retried (ClickHouse unhealthy); ready again once one succeeds. */
    public Readiness readiness() {
        String reason = retrying.get();
        return reason == null ? Readiness.ok() : Readiness.notReady(reason);
    }

    /**
     * The first stage of a batch: its rows are in ClickHouse; {@code deadLetters} (the invalid records
     * and the rows ClickHouse rejected) still have to reach the DLQ before its offsets may be committed.
     */
    public record Inserted(int rows, List<DeadLetter> deadLetters) {
        public Inserted {
            deadLetters = List.copyOf(deadLetters);
        }

        /** Without the letters of {@code partitions} (given up: their next owner reads them again). */
        public Inserted without(java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
            return new Inserted(rows, deadLetters.stream().filter(d -> !partitions.contains(
                    new org.apache.kafka.common.TopicPartition(d.source().topic(), d.source().partition()))).toList());
        }
    }

    /**
     * Both stages: {@link #insert}, then {@link #deadLetter}.
     *
     * @throws TransientClickHouseException ClickHouse stayed unhealthy for every attempt: write the batch again later
     * @throws HaltClickHouseException      the consumer is configured wrongly: stop (exit 1)
     */
    public Written write(PendingBatch<R> batch) throws ClickHouseException, DeadLetterPublisher.DeadLetterException,
            InterruptedException {
        Inserted inserted = insert(batch);
        deadLetter(inserted.deadLetters());
        return new Written(inserted.rows(), inserted.deadLetters().size());
    }

    /** Stores the batch's rows (isolating the ones ClickHouse rejects); the caller then dead-letters what it returns. */
    public Inserted insert(PendingBatch<R> batch) throws ClickHouseException, InterruptedException {
        List<DeadLetter> rejected = new ArrayList<>(batch.deadLetters());
        int written = insertIsolating(batch.rows(), rejected);
        return new Inserted(written, rejected);
    }

    /**
     * Sends {@code letters} to the DLQ; returns once Kafka acknowledged every one. A failure here is
     * retried by sending the letters again — never by inserting the rows again.
     */
    public void deadLetter(List<DeadLetter> letters) throws DeadLetterPublisher.DeadLetterException, InterruptedException {
        deadLetters.publish(letters);
        metrics.deadLettered(letters.size());
    }

    private int insertIsolating(List<DecodedRow<R>> records, List<DeadLetter> rejected)
            throws ClickHouseException, InterruptedException {
        if (records.isEmpty()) {
            return 0;
        }
        try {
            insertWithRetry(records);
            return records.size();
        } catch (DataClickHouseException e) {
            if (records.size() == 1) {
                rejected.add(rejectedByClickHouse(records.get(0), e));
                return 0;
            }
            int half = records.size() / 2;
            LOG.info("ClickHouse rejected a batch of {} rows ({}); splitting to isolate the bad rows", records.size(), e.getMessage());
            return insertIsolating(records.subList(0, half), rejected) + insertIsolating(records.subList(half, records.size()), rejected);
        }
    }

    /**
     * The dead letter of a row ClickHouse refused: its original record, read back from Kafka. Should
     * retention have removed it meanwhile, the value is the row re-encoded (the form the producer
     * writes) and the message says so — the row is still not lost.
     */
    private DeadLetter rejectedByClickHouse(DecodedRow<R> bad, ClickHouseException e) throws InterruptedException {
        int code = e.code().orElse(-1);
        Optional<ConsumerRecord<byte[], byte[]>> original = sources.read(bad.partition(), bad.offset());
        if (original.isPresent()) {
            return new DeadLetter(original.get(), "clickhouse-rejected", code, e.getMessage());
        }
        R row = bad.record();
        ConsumerRecord<byte[], byte[]> reEncoded = new ConsumerRecord<>(bad.partition().topic(), bad.partition().partition(),
                bad.offset(), encoder.key(row), encoder.value(row));
        return new DeadLetter(reEncoded, "clickhouse-rejected", code,
                e.getMessage() + " (the original record is no longer in Kafka; the value is the decoded row, re-encoded)");
    }

    /** Sends {@code records}; a {@code retry} answer backs off and sends the same rows again, up to the attempts allowed. */
    private void insertWithRetry(List<DecodedRow<R>> records) throws ClickHouseException, InterruptedException {
        List<R> rows = new ArrayList<>(records.size());
        for (DecodedRow<R> r : records) {
            rows.add(r.record());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                InsertResult result = sink.insert(rows);
                metrics.inserted(result, System.nanoTime() - started);
                retrying.set(null);
                return;
            } catch (TransientClickHouseException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                Duration wait = Duration.ofMillis(backoff.apply(attempt));
                String reason = "ClickHouse insert of " + rows.size() + " rows failed (attempt " + attempt + " of "
                        + maxAttempts + "), retrying the same rows in " + wait + ": " + e.getMessage();
                retrying.set(reason);
                metrics.insertRetried();
                LOG.warn("{}", reason);
                sleeper.sleep(wait);
            }
        }
    }
}
