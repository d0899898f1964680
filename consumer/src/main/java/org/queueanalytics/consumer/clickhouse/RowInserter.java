package org.queueanalytics.consumer.clickhouse;

import java.util.List;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.compression.BodyEncoding;
import org.queueanalytics.consumer.clickhouse.compression.BodyEncodings;
import org.queueanalytics.consumer.clickhouse.compression.EncodedBody;
import org.queueanalytics.consumer.clickhouse.values.RowsEncoder;

/**
 * Writes a batch of (validated) records to one table: split by partitions → render VALUES →
 * encode the body (compression) → POST, one statement per chunk. What depends on the table comes
 * from its {@link TableCodec}; {@link Inserter} is this for the interval table.
 *
 * <p>Failure semantics: {@link #insert} returns only when ClickHouse acknowledged every row
 * (HTTP 200 with {@code wait_end_of_query=1}); otherwise it throws the classified
 * {@link ClickHouseException} of the first failing chunk. Chunks before it may already be
 * written: sending the whole batch again is safe, since the ReplacingMergeTree keeps one row
 * per key (FINAL). No retry here — the caller owns retry and bad-row isolation. A record that
 * cannot even be rendered (null field, non-finite number: it skipped validation) fails as a
 * {@link DataClickHouseException} without a server code, so isolation finds it like any
 * rejected row.
 *
 * <p>Thread-safety: not thread-safe — it reuses its encoding buffers between calls. Give each
 * consumer thread its own; they may share one {@link ClickHouseClient}.
 *
 * @param <R> the record type the table stores
 */
public final class RowInserter<R> {
    private final ClickHouseClient client;
    private final TableCodec<R> codec;
    private final RowsEncoder<R> values;
    private final BodyEncoding encoding;
    private final String table;
    /** The table whose partition key decides the split (the replicated table under a Distributed one). */
    private final String keyTable;
    /** How batches are split: fixed, or null until the table's partition key has been read (production wiring). */
    private BatchSplitter<R> partitions;

    /**
     * The production wiring: encoding from {@code settings.compression()}, ≤ 100 partitions per
     * INSERT, split by the partition key the table really has (read once with
     * {@code SHOW CREATE TABLE}: a configured key only applies when the table is created, so an
     * existing table may have another key). In cluster mode with a {@code Distributed} table, the
     * rows go to that table and the key is the replicated table's.
     */
    public RowInserter(ClickHouseClient client, ClickHouseSettings settings, TableCodec<R> codec) {
        this(client, codec, codec.valuesEncoder(settings.writeTable()), BodyEncodings.forCompression(settings.compression()),
                null, settings.writeTable(), settings.qualifiedTable());
    }

    /** {@code partitions} null: read the table's partition key before the first INSERT. */
    public RowInserter(ClickHouseClient client, TableCodec<R> codec, RowsEncoder<R> values, BodyEncoding encoding,
                       BatchSplitter<R> partitions, String table) {
        this(client, codec, values, encoding, partitions, table, table);
    }

    private RowInserter(ClickHouseClient client, TableCodec<R> codec, RowsEncoder<R> values, BodyEncoding encoding,
                        BatchSplitter<R> partitions, String table, String keyTable) {
        this.client = client;
        this.codec = codec;
        this.values = values;
        this.encoding = encoding;
        this.partitions = partitions;
        this.table = table;
        this.keyTable = keyTable;
    }

    /** Inserts every record of {@code batch} (an empty batch sends nothing). */
    public InsertResult insert(List<R> batch) throws ClickHouseException, InterruptedException {
        if (batch.isEmpty()) {
            return InsertResult.EMPTY;
        }
        List<List<R>> chunks = partitions().split(batch);
        long sqlBytes = 0;
        long wireBytes = 0;
        for (List<R> chunk : chunks) {
            EncodedBody body = encode(chunk);
            client.insert(body, "INSERT of " + chunk.size() + " rows into " + table
                    + " (" + encoding.compression().configName() + ", " + body.length() + " B)");
            sqlBytes += body.uncompressedLength();
            wireBytes += body.length();
        }
        return new InsertResult(batch.size(), chunks.size(), sqlBytes, wireBytes);
    }

    /**
     * The split for the table's real partition key, read once with {@code SHOW CREATE TABLE}
     * (one TSV value: line breaks arrive escaped). When that query fails (server down, table
     * missing) this INSERT is split by the codec's fallback — right for every supported key — and the
     * INSERT itself reports the problem, classified as before; the key is asked again next time.
     */
    private BatchSplitter<R> partitions() throws InterruptedException {
        if (partitions != null) {
            return partitions;
        }
        try {
            partitions = codec.splitterFor(client.query("SHOW CREATE TABLE " + keyTable));
            return partitions;
        } catch (ClickHouseException e) {
            return codec.fallbackSplitter();
        }
    }

    /** Renders and compresses one chunk; the body is valid until the next call. */
    EncodedBody encode(List<R> chunk) throws DataClickHouseException {
        ByteSink sql;
        try {
            sql = values.encode(chunk);
        } catch (IllegalArgumentException e) {
            throw new DataClickHouseException("a record of " + table + " cannot be rendered as SQL: " + e.getMessage(),
                    -1, ClickHouseException.NO_HTTP_STATUS, e);
        }
        return encoding.encode(sql.array(), 0, sql.length());
    }
}
