package org.queueanalytics.bench.jmh;

import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.compression.EncodedBody;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Encoding;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;

/**
 * Rendering {@link BenchData#ROWS} validated records as one {@code INSERT … VALUES} statement
 * ({@code values}), and the whole per-INSERT CPU work of the consumer's writer thread:
 * render + native LZ4 blocks + CityHash128 checksums ({@code valuesThenLz4}, what
 * {@code Inserter} does before the POST). Scores are rows per second on one thread.
 */
public class ValuesEncoderBenchmark extends JmhDefaults {
    private List<QueueIntervalRecord> records;
    private ValuesEncoder encoder;
    private NativeLz4Encoding lz4;

    @Setup
    public void setUp() {
        records = BenchData.records();
        encoder = new ValuesEncoder(BenchData.TABLE);
        lz4 = new NativeLz4Encoding();
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.ROWS)
    public int values() {
        return encoder.encode(records).length();
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.ROWS)
    public int valuesThenLz4() {
        ByteSink sql = encoder.encode(records);
        EncodedBody body = lz4.encode(sql.array(), 0, sql.length());
        return body.length();
    }
}
