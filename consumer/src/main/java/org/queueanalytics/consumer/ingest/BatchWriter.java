package org.queueanalytics.consumer.ingest;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.ArrayList;
import java.util.List;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
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
    private final Retry retry;
    private final IngestMetrics metrics;

    public BatchWriter(RowSink sink, DeadLetterPublisher deadLetters, RetrySettings settings, IngestMetrics metrics) {
        this.sink = sink;
        this.deadLetters = deadLetters;
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

    public Written write(PendingBatch batch) throws ClickHouseException, DeadLetterPublisher.DeadLetterException,
            InterruptedException {
        List<DeadLetter> rejected = new ArrayList<>(batch.deadLetters());
        int written = insertIsolating(batch.rows(), rejected);
        deadLetters.publish(rejected);
        metrics.deadLettered(rejected.size());
        return new Written(written, rejected.size());
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
                ConsumedRecord bad = records.get(0);
                rejected.add(new DeadLetter(bad.source(), "clickhouse-rejected", e.code().orElse(-1), e.getMessage()));
                return 0;
            }
            int half = records.size() / 2;
            LOG.info("ClickHouse rejected a batch of {} rows ({}); splitting to isolate the bad rows", records.size(), e.getMessage());
            return insertIsolating(records.subList(0, half), rejected) + insertIsolating(records.subList(half, records.size()), rejected);
        }
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
