package org.queueanalytics.consumer.clickhouse;

import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import org.queueanalytics.consumer.clickhouse.schema.TableDefinition;
import org.queueanalytics.consumer.clickhouse.values.ObservationValuesEncoder;
import org.queueanalytics.consumer.clickhouse.values.RowsEncoder;

/**
 * The live-state table ({@link QueueObservationsTable}): {@link ObservationValuesEncoder}, and a split
 * by the UTC day of {@code observed_at} — the table's key, {@code toYYYYMMDD(observed_at)}, which is
 * fixed (so {@code SHOW CREATE TABLE} is not consulted; a coarser key of a hand-made table is served
 * right by it too).
 */
public final class ObservationCodec implements TableCodec<QueueObservationRecord> {
    public static final ObservationCodec INSTANCE = new ObservationCodec();
    private static final long SECONDS_PER_DAY = 86_400;

    private ObservationCodec() {
    }

    @Override
    public RowsEncoder<QueueObservationRecord> valuesEncoder(String qualifiedTable) {
        return new ObservationValuesEncoder(qualifiedTable);
    }

    @Override
    public BatchSplitter<QueueObservationRecord> splitterFor(String showCreateTable) {
        return fallbackSplitter();
    }

    @Override
    public BatchSplitter<QueueObservationRecord> fallbackSplitter() {
        return batch -> PartitionKeySplitter.split(batch, r -> Math.floorDiv(r.observedAt().getEpochSecond(), SECONDS_PER_DAY),
                PartitionKeySplitter.DEFAULT_MAX_PARTITIONS);
    }

    @Override
    public TableDefinition table() {
        return QueueObservationsTable.DEFINITION;
    }
}
