package org.queueanalytics.bench.jmh;

import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
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
public class RecordJsonBenchmark extends JmhDefaults {
    private byte[][] json;
    private ConsumerRecord<byte[], byte[]>[] kafkaRecords;
    private RecordDecoder decoder;
    private final TopicPartition partition = new TopicPartition("t", 0);

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        json = BenchData.json(BenchData.records());
        kafkaRecords = (ConsumerRecord<byte[], byte[]>[]) new ConsumerRecord<?, ?>[json.length];
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
