package org.queueanalytics.bench.jmh;

import java.util.Random;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.queueanalytics.consumer.clickhouse.compression.CityHash128;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Framer;

/**
 * The compression stage on the SQL of {@link BenchData#ROWS} rows: the complete native block
 * framing ({@code framer}: LZ4 + header + CityHash128 per 1 MiB block), raw LZ4 alone
 * ({@code lz4Only}, the library's share), and CityHash128 v1.0.2 over {@code hashBytes} bytes
 * ({@code cityHash128}; the framer hashes each compressed block, a few hundred KiB).
 * Framer and LZ4 scores are rows per second; the hash score is hashes per second.
 */
public class CompressionBenchmark extends JmhDefaults {
    @Param({"262144"})
    public int hashBytes;

    private byte[] sql;
    private byte[] hashInput;
    private byte[] lz4Out;
    private NativeLz4Framer framer;
    private LZ4Compressor compressor;

    @Setup
    public void setUp() {
        sql = BenchData.sql(BenchData.records());
        hashInput = new byte[hashBytes];
        new Random(7).nextBytes(hashInput);
        framer = new NativeLz4Framer();
        compressor = LZ4Factory.fastestInstance().fastCompressor();
        lz4Out = new byte[compressor.maxCompressedLength(NativeLz4Framer.DEFAULT_BLOCK_SIZE)];
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.ROWS)
    public int framer() {
        return framer.frame(sql, 0, sql.length).length();
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.ROWS)
    public int lz4Only() {
        int total = 0;
        for (int pos = 0; pos < sql.length; pos += NativeLz4Framer.DEFAULT_BLOCK_SIZE) {
            int len = Math.min(NativeLz4Framer.DEFAULT_BLOCK_SIZE, sql.length - pos);
            total += compressor.compress(sql, pos, len, lz4Out, 0, lz4Out.length);
        }
        return total;
    }

    @Benchmark
    public long cityHash128() {
        CityHash128.Hash h = CityHash128.hash(hashInput, 0, hashInput.length);
        return h.low() ^ h.high();
    }
}
