package org.queueanalytics.sqlcompat.chdb;

import java.util.Arrays;
import java.util.List;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.ObservationCodec;
import org.queueanalytics.consumer.clickhouse.PartitionKeySplitter;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.values.RowsEncoder;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;

/**
 * Writes records as the consumer's {@code Inserter} does — split by {@link PartitionKeySplitter} for the
 * table's key, one {@link ValuesEncoder} statement per chunk — but in process through chDB
 * instead of compressed over HTTP (the statements are the same bytes).
 */
public final class ConsumerInserts {
    private ConsumerInserts() {
    }

    /** Inserts {@code rows}; returns the number of INSERT statements. */
    public static int insert(ChDb chdb, ClickHouseSettings settings, List<QueueIntervalRecord> rows) throws ChDbException {
        ValuesEncoder encoder = new ValuesEncoder(settings.qualifiedTable());
        List<List<QueueIntervalRecord>> chunks = PartitionKeySplitter.forPartitionKey(settings.partitionBy(), PartitionKeySplitter.DEFAULT_MAX_PARTITIONS)
                .split(rows);
        for (List<QueueIntervalRecord> chunk : chunks) {
            chdb.query(bytes(encoder.encode(chunk)), "TabSeparated");
        }
        return chunks.size();
    }

    /** Inserts live-state {@code rows} into {@code qualifiedTable} as the consumer's observations pipeline does: split by day, VALUES. */
    public static void insertObservations(ChDb chdb, String qualifiedTable, List<QueueObservationRecord> rows) throws ChDbException {
        RowsEncoder<QueueObservationRecord> encoder = ObservationCodec.INSTANCE.valuesEncoder(qualifiedTable);
        for (List<QueueObservationRecord> chunk : ObservationCodec.INSTANCE.fallbackSplitter().split(rows)) {
            chdb.query(bytes(encoder.encode(chunk)), "TabSeparated");
        }
    }

    /** The statement in {@code sql}. */
    public static byte[] bytes(ByteSink sql) {
        return Arrays.copyOf(sql.array(), sql.length());
    }
}
