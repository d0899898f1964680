package org.queueanalytics.consumer.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The consumer's counters, for {@code /metrics} (Micrometer) and {@code /status}. Thread-safe. */
public final class IngestMetrics {
    private final Counter consumed;
    private final Counter inserted;
    private final Counter dlq;
    private final Counter retries;
    private final Counter commits;
    private final Timer insertLatency;
    private final DistributionSummary batchRows;
    private final DistributionSummary batchBytes;
    private final AtomicLong lastInsertMillis = new AtomicLong();
    private final AtomicLong lastCommitMillis = new AtomicLong();

    public IngestMetrics(MeterRegistry registry) {
        consumed = Counter.builder("consumer_records_consumed").description("Kafka records read").register(registry);
        inserted = Counter.builder("consumer_rows_inserted").description("rows ClickHouse acknowledged").register(registry);
        dlq = Counter.builder("consumer_dlq_records").description("records sent to the dead-letter topic").register(registry);
        retries = Counter.builder("consumer_insert_retries").description("ClickHouse insert retries").register(registry);
        commits = Counter.builder("consumer_offset_commits").description("offset commits after stored batches").register(registry);
        insertLatency = Timer.builder("consumer_insert_latency").description("ClickHouse insert time per request")
                .publishPercentileHistogram(false).register(registry);
        batchRows = DistributionSummary.builder("consumer_batch_rows").description("rows per flushed batch").register(registry);
        batchBytes = DistributionSummary.builder("consumer_batch_bytes").baseUnit("bytes")
                .description("Kafka value bytes per flushed batch").register(registry);
    }

    void consumed(int n) {
        consumed.increment(n);
    }

    void inserted(int rows, long nanos) {
        inserted.increment(rows);
        insertLatency.record(nanos, TimeUnit.NANOSECONDS);
        lastInsertMillis.set(System.currentTimeMillis());
    }

    void deadLettered(int n) {
        dlq.increment(n);
    }

    void insertRetried() {
        retries.increment();
    }

    void committed(PendingBatch batch) {
        commits.increment();
        batchRows.record(batch.recordCount());
        batchBytes.record(batch.bytes());
        lastCommitMillis.set(System.currentTimeMillis());
    }

    public long rowsInserted() {
        return (long) inserted.count();
    }

    public long recordsConsumed() {
        return (long) consumed.count();
    }

    public long deadLetters() {
        return (long) dlq.count();
    }

    public long lastInsertMillis() {
        return lastInsertMillis.get();
    }

    public long lastCommitMillis() {
        return lastCommitMillis.get();
    }
}
