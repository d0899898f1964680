package org.queueanalytics.consumer.ingest;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.DataClickHouseException;
import org.queueanalytics.consumer.clickhouse.InsertResult;
import org.queueanalytics.consumer.clickhouse.UnknownClickHouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one batch: its rows into ClickHouse, its dead letters into the DLQ. Runs on the writer
 * thread; blocking by design. Returning normally means everything in the batch is stored and
 * its offsets may be committed.
 *
 * <ul>
 *   <li>Transient failures are retried with exponential backoff and jitter (Resilience4j); when
 *       the attempts run out the original exception surfaces and the caller starts a new round.</li>
 *   <li>Data errors (and unknown errors that outlived their retries) split the rows in halves
 *       until the bad ones are alone; those become dead letters, the good ones are written.</li>
 *   <li>Configuration errors surface at once: only an operator can fix them.</li>
 * </ul>
 */
public final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final RowSink sink;
    private final DeadLetterPublisher deadLetters;
    private final SourceRecords sources;
    private final Retry retry;
    private final IngestMetrics metrics;

    /** {@code sources} gives back the original of a row ClickHouse rejected (batches keep decoded rows only). */
    public BatchWriter(RowSink sink, DeadLetterPublisher deadLetters, SourceRecords sources, RetrySettings settings,
                       IngestMetrics metrics) {
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.sources = sources;
        this.metrics = metrics;
        RetryConfig config = RetryConfig.<Void>custom()
                .maxAttempts(settings.maxRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        settings.baseDelay(), 2.0, 0.5, settings.maxDelay()))
                .retryOnException(e -> e instanceof ClickHouseException ch && ch.isRetryable())
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of("clickhouse-insert", config);
        this.retry.getEventPublisher().onRetry(event -> {
            metrics.insertRetried();
            LOG.warn("ClickHouse insert failed (attempt {}), retrying in {}: {}", event.getNumberOfRetryAttempts(),
                    event.getWaitInterval(), event.getLastThrowable() == null ? "?" : event.getLastThrowable().getMessage());
        });
    }

    /** Outcome of a stored batch. */
    public record Written(int rows, int deadLetters) {
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

    /** Both stages: {@link #insert}, then {@link #deadLetter}. */
    public Written write(PendingBatch batch) throws ClickHouseException, DeadLetterPublisher.DeadLetterException,
            InterruptedException {
        Inserted inserted = insert(batch);
        deadLetter(inserted.deadLetters());
        return new Written(inserted.rows(), inserted.deadLetters().size());
    }

    /** Stores the batch's rows (isolating the ones ClickHouse rejects); the caller then dead-letters what it returns. */
    public Inserted insert(PendingBatch batch) throws ClickHouseException, InterruptedException {
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

    private int insertIsolating(List<ConsumedRecord> records, List<DeadLetter> rejected)
            throws ClickHouseException, InterruptedException {
        if (records.isEmpty()) {
            return 0;
        }
        try {
            insertWithRetry(records);
            return records.size();
        } catch (DataClickHouseException | UnknownClickHouseException e) {
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
    private DeadLetter rejectedByClickHouse(ConsumedRecord bad, ClickHouseException e) throws InterruptedException {
        int code = e.code().orElse(-1);
        Optional<ConsumerRecord<byte[], byte[]>> original = sources.read(bad.partition(), bad.offset());
        if (original.isPresent()) {
            return new DeadLetter(original.get(), "clickhouse-rejected", code, e.getMessage());
        }
        QueueIntervalRecord row = bad.row();
        ConsumerRecord<byte[], byte[]> reEncoded = new ConsumerRecord<>(bad.partition().topic(), bad.partition().partition(),
                bad.offset(), row.queueId().getBytes(StandardCharsets.UTF_8), RecordJson.toBytes(row));
        return new DeadLetter(reEncoded, "clickhouse-rejected", code,
                e.getMessage() + " (the original record is no longer in Kafka; the value is the decoded row, re-encoded)");
    }

    private void insertWithRetry(List<ConsumedRecord> records) throws ClickHouseException, InterruptedException {
        List<QueueIntervalRecord> rows = new ArrayList<>(records.size());
        for (ConsumedRecord r : records) {
            rows.add(r.row());
        }
        try {
            retry.executeCallable(() -> {
                long started = System.nanoTime();
                InsertResult result = sink.insert(rows);
                metrics.inserted(result, System.nanoTime() - started);
                return null;
            });
        } catch (ClickHouseException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while retrying a ClickHouse insert");
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure from the ClickHouse sink", e);
        }
    }
}
