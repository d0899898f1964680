package org.queueanalytics.consumer.ingest;

import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.common.record.UnsupportedSchemaVersionException;

/**
 * First stage of the consumer: Kafka bytes → a validated interval row, or a dead letter saying why not.
 * {@code validation} returns the problem with a row (naming the field) or empty when it is fine.
 */
public final class RecordDecoder implements RowDecoder<QueueIntervalRecord> {
    /** {@code dlq.reason} of a record with a {@code schema_version} this consumer does not know. */
    public static final String UNSUPPORTED_SCHEMA_VERSION = "unsupported-schema-version";

    private final Function<QueueIntervalRecord, Optional<String>> validation;

    public RecordDecoder(Function<QueueIntervalRecord, Optional<String>> validation) {
        this.validation = validation;
    }

    /** {@code partition} is {@code source}'s, passed in so that every row of a partition shares one instance. */
    @Override
    public Decoded<QueueIntervalRecord> decode(ConsumerRecord<byte[], byte[]> source, TopicPartition partition) {
        QueueIntervalRecord row;
        try {
            row = RecordJson.fromBytes(source.value());
        } catch (UnsupportedSchemaVersionException e) {
            return new Decoded<>(null, new DeadLetter(source, UNSUPPORTED_SCHEMA_VERSION, -1, e.getMessage()));
        } catch (InvalidRecordException e) {
            return new Decoded<>(null, new DeadLetter(source, "invalid-json", -1, e.getMessage()));
        }
        Optional<String> problem = validation.apply(row);
        if (problem.isPresent()) {
            return new Decoded<>(null, new DeadLetter(source, "invalid-record", -1, problem.get()));
        }
        return new Decoded<>(new DecodedRow<>(row, partition, source.offset(), sizeOf(source)), null);
    }

    /** The record's size in Kafka (key + value), what {@code batch.max_bytes} counts. */
    static int sizeOf(ConsumerRecord<byte[], byte[]> source) {
        return Math.max(0, source.serializedValueSize()) + Math.max(0, source.serializedKeySize());
    }
}
