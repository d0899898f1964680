package org.queueanalytics.consumer.clickhouse.values;

import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;

/**
 * Renders observation records as one {@code INSERT INTO db.table (columns) VALUES (…),(…)}
 * statement in {@link QueueObservationsTable#COLUMNS} order, with the literals of {@link SqlLiterals}
 * (the interval encoder's): {@code observed_at} as the {@code DateTime} of the instant's second (UTC),
 * {@code observed_at_ms} its epoch milliseconds, strings escaped, {@code calculated_value} {@code NULL}
 * when absent. A few thousand rows a minute: plain {@link ByteSink} writes, no row-level tuning.
 *
 * <p>Not thread-safe: one reusable {@link ByteSink}, valid until the next {@link #encode} call.
 */
public final class ObservationValuesEncoder extends RowsEncoder<QueueObservationRecord> {
    private static final byte[] NULL = {'N', 'U', 'L', 'L'};


    public ObservationValuesEncoder(String qualifiedTable) {
        this(qualifiedTable, new ByteSink(16 * 1024, 16 * 1024 * 1024));
    }

    public ObservationValuesEncoder(String qualifiedTable, ByteSink sink) {
        super(qualifiedTable, QueueObservationsTable.columnList(), sink);
    }

    @Override
    protected void writeRow(QueueObservationRecord r) {
        sink.write('(');
        SqlLiterals.writeDateTime(sink, r.observedAt().getEpochSecond());
        sink.write(',');
        SqlLiterals.writeLong(sink, r.observedAt().toEpochMilli());
        sink.write(',');
        SqlLiterals.writeString(sink, r.queueId());
        sink.write(',');
        SqlLiterals.writeString(sink, r.queueName());
        sink.write(',');
        SqlLiterals.writeString(sink, r.mediaType());
        sink.write(',');
        SqlLiterals.writeString(sink, r.metric());
        sink.write(',');
        SqlLiterals.writeString(sink, r.qualifier());
        sink.write(',');
        SqlLiterals.writeLong(sink, r.count());
        sink.write(',');
        if (r.calculatedValue() == null) {
            sink.write(NULL, 0, NULL.length);
        } else {
            SqlLiterals.writeLong(sink, r.calculatedValue());
        }
        sink.write(')');
    }
}
