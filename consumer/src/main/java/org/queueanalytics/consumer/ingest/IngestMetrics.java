package org.queueanalytics.consumer.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.consumer.clickhouse.InsertResult;

/**
 * The consumer's meters, for {@code /metrics} (Micrometer, Prometheus names in the comments) and
 * {@code /status}. Thread-safe: the poll loop and the writer thread both record here.
 *
 * <p>One instance per pipeline: the interval records' meters are named {@code consumer_*}; the
 * observations pipeline's the same after another prefix ({@code consumer_observation_*}), so that
 * neither pipeline's series change when the other runs.
 */
public final class IngestMetrics {
    /** The interval pipeline's prefix, which every meter name of this class starts with. */
    public static final String DEFAULT_PREFIX = "consumer_";

    private final MeterRegistry registry;
    private final String prefix;
    private final Counter consumed;       // consumer_records_consumed_total
    private final Counter inserted;       // consumer_rows_inserted_total
    private final Counter dlq;            // consumer_dlq_records_total
    private final Counter retries;        // consumer_insert_retries_total
    private final Counter commits;        // consumer_offset_commits_total
    private final Counter commitFailures; // consumer_offset_commit_failures_total
    private final Counter dlqFailures;    // consumer_dlq_failures_total
    private final Counter sqlBytes;       // consumer_insert_sql_bytes_total
    private final Counter wireBytes;      // consumer_insert_wire_bytes_total
    private final Timer insertLatency;    // consumer_insert_latency_seconds
    private final DistributionSummary batchRows;   // consumer_batch_rows
    private final DistributionSummary batchBytes;  // consumer_batch_bytes
    private final AtomicLong lastInsertMillis = new AtomicLong();
    private final AtomicLong lastCommitMillis = new AtomicLong();
    /** Per assigned partition: log end offset minus committed offset, as last measured by the poll loop. */
    private final Map<TopicPartition, PartitionLag> lag = new ConcurrentHashMap<>();

    private record PartitionLag(AtomicLong records, Gauge gauge) {
    }

    /** The interval records' meters: {@code consumer_*}. */
    public IngestMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_PREFIX);
    }

    /** @param prefix the start of every meter name, e.g. {@code consumer_observation_} */
    public IngestMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        consumed = Counter.builder(prefix + "records_consumed").description("Kafka records taken into a batch").register(registry);
        inserted = Counter.builder(prefix + "rows_inserted").description("rows ClickHouse acknowledged").register(registry);
        dlq = Counter.builder(prefix + "dlq_records").description("records sent to the dead-letter topic").register(registry);
        retries = Counter.builder(prefix + "insert_retries").description("ClickHouse insert retries").register(registry);
        commits = Counter.builder(prefix + "offset_commits").description("offset commits after stored batches").register(registry);
        commitFailures = Counter.builder(prefix + "offset_commit_failures")
                .description("offset commits that failed (retried with backoff; the rows were stored)").register(registry);
        dlqFailures = Counter.builder(prefix + "dlq_failures")
                .description("rounds in which the dead-letter topic did not take a batch's dead letters (retried; rows not re-inserted)")
                .register(registry);
        sqlBytes = Counter.builder(prefix + "insert_sql_bytes")
                .description("INSERT statement bytes before compression, of acknowledged inserts").register(registry);
        wireBytes = Counter.builder(prefix + "insert_wire_bytes")
                .description("request body bytes sent (after compression), of acknowledged inserts").register(registry);
        Gauge.builder(prefix + "compression_ratio", this, IngestMetrics::compressionRatio)
                .description("SQL bytes / bytes on the wire since start (1 = uncompressed; NaN before the first insert)")
                .register(registry);
        insertLatency = Timer.builder(prefix + "insert_latency").description("ClickHouse insert time per acknowledged request")
                .publishPercentileHistogram(false).register(registry);
        batchRows = DistributionSummary.builder(prefix + "batch_rows").description("records per stored batch").register(registry);
        batchBytes = DistributionSummary.builder(prefix + "batch_bytes")
                .description("Kafka key and value bytes per stored batch").register(registry);
    }

    void consumed(int n) {
        consumed.increment(n);
    }

    void inserted(InsertResult result, long nanos) {
        inserted.increment(result.rows());
        sqlBytes.increment(result.sqlBytes());
        wireBytes.increment(result.wireBytes());
        insertLatency.record(nanos, TimeUnit.NANOSECONDS);
        lastInsertMillis.set(System.currentTimeMillis());
    }

    void deadLettered(int n) {
        dlq.increment(n);
    }

    void insertRetried() {
        retries.increment();
    }

    void stored(PendingBatch<?> batch) {
        batchRows.record(batch.recordCount());
        batchBytes.record(batch.bytes());
    }

    void committed() {
        commits.increment();
        lastCommitMillis.set(System.currentTimeMillis());
    }

    void commitFailed() {
        commitFailures.increment();
    }

    void deadLetterFailed() {
        dlqFailures.increment();
    }

    public long commitFailures() {
        return (long) commitFailures.count();
    }

    public long deadLetterFailures() {
        return (long) dlqFailures.count();
    }

    /**
     * Replaces the lag of every assigned partition ({@code consumer_lag_records{topic,partition}}):
     * partitions no longer in {@code current} lose their series, so a rebalance leaves no stale lag.
     */
    void lag(Map<TopicPartition, Long> current) {
        lag.entrySet().removeIf(e -> {
            if (current.containsKey(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().gauge());
            return true;
        });
        current.forEach((tp, records) -> lag.computeIfAbsent(tp, this::registerLag).records().set(records));
    }

    private PartitionLag registerLag(TopicPartition tp) {
        AtomicLong records = new AtomicLong();
        Gauge gauge = Gauge.builder(prefix + "lag_records", records, AtomicLong::get)
                .tags(Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition())))
                .description("records in the partition not yet stored and committed (log end offset minus committed offset)")
                .register(registry);
        return new PartitionLag(records, gauge);
    }

    private double compressionRatio() {
        double wire = wireBytes.count();
        return wire == 0 ? Double.NaN : sqlBytes.count() / wire;
    }

    /**
     * The counters {@code /status} shows for one pipeline, in {@code /status}'s order: records consumed, rows
     * inserted, dead letters, last insert and commit, commit and DLQ failures.
     */
    public void putStatus(Map<String, Object> out) {
        out.put("records_consumed", recordsConsumed());
        out.put("rows_inserted", rowsInserted());
        out.put("dlq_records", deadLetters());
        out.put("last_insert_ms", lastInsertMillis());
        out.put("last_commit_ms", lastCommitMillis());
        out.put("offset_commit_failures", commitFailures());
        out.put("dlq_failures", deadLetterFailures());
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

    /** The lag per partition as last measured (for {@code /status}). */
    public Map<String, Long> lagByPartition() {
        Map<String, Long> out = new TreeMap<>();
        lag.forEach((tp, l) -> out.put(tp.toString(), l.records().get()));
        return out;
    }
}
