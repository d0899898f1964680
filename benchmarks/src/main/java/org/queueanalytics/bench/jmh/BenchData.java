package org.queueanalytics.bench.jmh;

import java.util.List;
import org.queueanalytics.bench.SyntheticRecords;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;

/**
 * The inputs every micro-benchmark shares: the first {@link #ROWS} records of the default
 * synthetic stream (200 queues, 15-minute intervals), as records, as Kafka JSON values and as
 * the INSERT statement the consumer renders for them. {@link #ROWS} is about one INSERT of the
 * default batch ({@code batch.max_bytes} 16 MiB ≈ 28,000 records, split by partitions).
 */
public final class BenchData {
    public static final int ROWS = 10_000;
    public static final String TABLE = "analytics.queue_analytics";

    private BenchData() {
    }

    public static List<QueueIntervalRecord> records() {
        return new SyntheticRecords().list(ROWS);
    }

    public static byte[][] json(List<QueueIntervalRecord> records) {
        byte[][] out = new byte[records.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = RecordJson.toBytes(records.get(i));
        }
        return out;
    }

    /** The INSERT statement for {@code records}, as the consumer sends it before compression. */
    public static byte[] sql(List<QueueIntervalRecord> records) {
        ByteSink sink = new ValuesEncoder(TABLE).encode(records);
        return sink.toByteArray();
    }
}
