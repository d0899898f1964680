package org.queueanalytics.consumer.clickhouse;

import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import org.queueanalytics.consumer.clickhouse.schema.TableDefinition;
import org.queueanalytics.consumer.clickhouse.values.RowsEncoder;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;

/** The interval table: {@link ValuesEncoder}, {@link PartitionKeySplitter} for its configurable key, {@link QueueAnalyticsTable}. */
public final class IntervalCodec implements TableCodec<QueueIntervalRecord> {
    public static final IntervalCodec INSTANCE = new IntervalCodec();

    private IntervalCodec() {
    }

    @Override
    public RowsEncoder<QueueIntervalRecord> valuesEncoder(String qualifiedTable) {
        return new ValuesEncoder(qualifiedTable);
    }

    @Override
    public BatchSplitter<QueueIntervalRecord> splitterFor(String showCreateTable) {
        return PartitionKeySplitter.forShowCreateTable(showCreateTable, PartitionKeySplitter.DEFAULT_MAX_PARTITIONS);
    }

    @Override
    public BatchSplitter<QueueIntervalRecord> fallbackSplitter() {
        return new PartitionKeySplitter();
    }

    @Override
    public TableDefinition table() {
        return QueueAnalyticsTable.DEFINITION;
    }
}
