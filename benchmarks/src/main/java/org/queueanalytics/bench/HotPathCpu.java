package org.queueanalytics.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.bench.jmh.BenchData;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.compression.CityHash128;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Encoding;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Framer;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;
import org.queueanalytics.consumer.ingest.RecordDecoder;
import org.queueanalytics.consumer.validation.RecordValidator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hot-path operations of the JMH benchmarks, timed by <em>thread CPU time</em> instead of
 * wall time: rows per CPU-second stays meaningful on a machine whose other cores (or this one)
 * are busy with other work, where JMH's wall-clock scores swing. A cross-check and a profiling
 * aid, not a replacement for the JMH figures taken on a quiet machine.
 */
@Command(name = "HotPathCpu", mixinStandardHelpOptions = true,
        description = "Rows per CPU-second of the consumer's hot-path stages (thread CPU time).")
public final class HotPathCpu implements Callable<Integer> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Option(names = "--seconds", defaultValue = "1", description = "CPU seconds per measured round")
    double seconds;
    @Option(names = "--rounds", defaultValue = "5")
    int rounds;
    @Option(names = "--only", description = "run only the stages whose name contains this")
    String only;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HotPathCpu()).execute(args));
    }

    @Override
    public Integer call() {
        List<QueueIntervalRecord> records = BenchData.records();
        byte[][] json = BenchData.json(records);
        byte[] sql = BenchData.sql(records);
        @SuppressWarnings("unchecked")
        ConsumerRecord<byte[], byte[]>[] kafka = (ConsumerRecord<byte[], byte[]>[]) new ConsumerRecord<?, ?>[json.length];
        for (int i = 0; i < json.length; i++) {
            kafka[i] = new ConsumerRecord<>("t", i % 12, i, null, json[i]);
        }
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        RecordDecoder decoder = new RecordDecoder(row -> validator.validate(row).map(Object::toString));
        ValuesEncoder encoder = new ValuesEncoder(BenchData.TABLE);
        NativeLz4Encoding lz4 = new NativeLz4Encoding();
        NativeLz4Framer framer = new NativeLz4Framer();
        byte[] hashInput = Arrays.copyOf(framer.frame(sql, 0, sql.length).array(), 262_144);
        int n = records.size();
        long jsonBytes = Arrays.stream(json).mapToLong(b -> b.length).sum();

        Map<String, Stage> stages = new LinkedHashMap<>();
        stages.put("json.fromBytes", new Stage(n, jsonBytes, () -> {
            long h = 0;
            for (byte[] value : json) {
                try {
                    h += RecordJson.fromBytes(value).offered();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return h;
        }));
        stages.put("json.decodeAndValidate", new Stage(n, jsonBytes, () -> {
            long h = 0;
            TopicPartition partition = new TopicPartition("t", 0);
            for (ConsumerRecord<byte[], byte[]> r : kafka) {
                h += decoder.decode(r, partition).row().record().answered();
            }
            return h;
        }));
        stages.put("values.encode", new Stage(n, sql.length, () -> encoder.encode(records).length()));
        stages.put("values.encode+lz4", new Stage(n, sql.length, () -> {
            ByteSink s = encoder.encode(records);
            return lz4.encode(s.array(), 0, s.length()).length();
        }));
        stages.put("lz4.framer", new Stage(n, sql.length, () -> framer.frame(sql, 0, sql.length).length()));
        stages.put("cityhash128.256KiB", new Stage(1, hashInput.length, () -> CityHash128.hash(hashInput).low()));

        System.out.printf("%-24s %16s %12s%n", "stage", "rows/CPU-s", "MB/CPU-s");
        for (Map.Entry<String, Stage> e : stages.entrySet()) {
            if (only != null && !e.getKey().contains(only)) {
                continue;
            }
            Stage s = e.getValue();
            measure(s, 3); // warm-up
            double[] rates = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                rates[i] = measure(s, seconds);
            }
            Arrays.sort(rates);
            double median = rates[rounds / 2];
            System.out.printf("%-24s %,16.0f %,12.1f%n", e.getKey(), median * s.rows, median * s.bytes / 1e6);
        }
        return 0;
    }

    private record Stage(int rows, long bytes, LongSupplier op) {
    }

    /** Operations per CPU-second over at least {@code cpuSeconds} of this thread's CPU time. */
    private static double measure(Stage s, double cpuSeconds) {
        long sink = 0;
        long ops = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        long end;
        do {
            sink += s.op.getAsLong();
            ops++;
            end = THREADS.getCurrentThreadCpuTime();
        } while (end - start < cpuSeconds * 1e9);
        if (sink == 42) {
            System.out.print("");
        }
        return ops / ((end - start) / 1e9);
    }
}
