package org.queueanalytics.consumer.clickhouse;

import org.queueanalytics.consumer.clickhouse.schema.TableDefinition;
import org.queueanalytics.consumer.clickhouse.values.RowsEncoder;

/**
 * What is specific to one table the consumer writes, for the parts that are the same for every table
 * ({@link RowInserter}: split → VALUES → body encoding → POST; {@code SchemaManager}: create, check,
 * {@code ON CLUSTER}, Distributed): how rows become VALUES, how a batch is split by the table's partition
 * key, and the table's columns and DDL. {@link IntervalCodec} for the interval records,
 * {@link ObservationCodec} for the live-state observations. Stateless; the encoders it makes are not.
 *
 * @param <R> the record type the table stores
 */
public interface TableCodec<R> {
    /** A new (not shared: it owns a buffer) VALUES renderer for {@code INSERT INTO qualifiedTable}. */
    RowsEncoder<R> valuesEncoder(String qualifiedTable);

    /**
     * The split for the table {@code showCreateTable} describes: the TabSeparated answer of
     * {@code SHOW CREATE TABLE} (one value, line breaks escaped), read once before the first INSERT.
     */
    BatchSplitter<R> splitterFor(String showCreateTable);

    /** The split when the table's key cannot be read now (the INSERT then reports the problem): right for every supported key. */
    BatchSplitter<R> fallbackSplitter();

    /** The table's columns, DDL and what the schema check requires of an existing one. */
    TableDefinition table();
}
