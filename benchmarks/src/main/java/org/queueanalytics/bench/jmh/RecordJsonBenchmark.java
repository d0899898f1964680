package org.queueanalytics.bench.jmh;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.ingest.RecordDecoder;
import org.queueanalytics.consumer.validation.RecordValidator;

/**
 * The poll thread's CPU per record: JSON → {@code QueueIntervalRecord} ({@code fromBytes}, Jackson),
 * and the consumer's whole first stage, JSON decoding plus validation ({@code decodeAndValidate},
 * {@code RecordDecoder} as {@code ConsumerService} wires it). Scores are records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RecordJsonBenchmark {
    private byte[][] json;
    private ConsumerRecord<byte[], byte[]>[] kafkaRecords;
    private RecordDecoder decoder;
    private final TopicPartition partition = new TopicPartition("t", 0);

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        json = BenchData.json(BenchData.records());
        kafkaRecords = new ConsumerRecord[json.length];
        for (int i = 0; i < json.length; i++) {
            kafkaRecords[i] = new ConsumerRecord<>("t", i % 12, i, null, json[i]);
        }
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        decoder = new RecordDecoder(row -> validator.validate(row).map(Object::toString));
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.ROWS)
    public void fromBytes(Blackhole bh) throws InvalidRecordException {
        for (byte[] value : json) {
            bh.consume(RecordJson.fromBytes(value));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.ROWS)
    public void decodeAndValidate(Blackhole bh) {
        for (ConsumerRecord<byte[], byte[]> record : kafkaRecords) {
            bh.consume(decoder.decode(record, partition));
        }
    }
}
