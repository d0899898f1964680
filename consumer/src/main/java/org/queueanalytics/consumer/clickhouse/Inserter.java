package org.queueanalytics.consumer.clickhouse;

import java.util.List;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.compression.BodyEncoding;
import org.queueanalytics.consumer.clickhouse.compression.EncodedBody;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;

/**
 * Writes a batch of (validated) interval records to the table: the {@link RowInserter} of the
 * {@link IntervalCodec} — split by partitions ({@link PartitionKeySplitter}, for the key the table
 * really has) → render VALUES ({@link ValuesEncoder}) → encode the body (compression) → POST, one
 * statement per chunk. Failure semantics and thread-safety are {@link RowInserter}'s: {@link #insert}
 * returns only when ClickHouse acknowledged every row, else throws the classified
 * {@link ClickHouseException}; not thread-safe (one per consumer thread; they may share one
 * {@link ClickHouseClient}).
 */
public final class Inserter {
    private final RowInserter<QueueIntervalRecord> rows;

    /**
     * The production wiring: encoding from {@code settings.compression()}, ≤ 100 partitions per
     * INSERT, split by the partition key the table really has (read once with
     * {@code SHOW CREATE TABLE}: {@code clickhouse.partition_by} only applies when the table is
     * created, so an existing table may have another key). In cluster mode with a
     * {@code Distributed} table, the rows go to that table and the key is the replicated table's.
     */
    public Inserter(ClickHouseClient client, ClickHouseSettings settings) {
        this.rows = new RowInserter<>(client, settings, IntervalCodec.INSTANCE);
    }

    /** {@code partitions} null: read the table's partition key before the first INSERT. */
    public Inserter(ClickHouseClient client, ValuesEncoder values, BodyEncoding encoding, PartitionKeySplitter partitions, String table) {
        this.rows = new RowInserter<>(client, IntervalCodec.INSTANCE, values, encoding, partitions, table);
    }

    /** Inserts every record of {@code batch} (an empty batch sends nothing). */
    public InsertResult insert(List<QueueIntervalRecord> batch) throws ClickHouseException, InterruptedException {
        return rows.insert(batch);
    }

    /** Renders and compresses one chunk; the body is valid until the next call. */
    EncodedBody encode(List<QueueIntervalRecord> chunk) throws DataClickHouseException {
        return rows.encode(chunk);
    }
}
