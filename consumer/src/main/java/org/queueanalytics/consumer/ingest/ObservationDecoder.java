package org.queueanalytics.consumer.ingest;

import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.common.record.UnsupportedSchemaVersionException;

/**
 * First stage of the observations pipeline: Kafka bytes → a validated observation row, or a dead
 * letter with the reasons {@link RecordDecoder} gives: {@code unsupported-schema-version},
 * {@code invalid-json} (not JSON, a field missing or of the wrong type, or a value the record refuses,
 * such as a negative count), {@code invalid-record} ({@code validation}'s answer, naming the field).
 */
public final class ObservationDecoder implements RowDecoder<QueueObservationRecord> {
    private final Function<QueueObservationRecord, Optional<String>> validation;

    public ObservationDecoder(Function<QueueObservationRecord, Optional<String>> validation) {
        this.validation = validation;
    }

    @Override
    public Decoded<QueueObservationRecord> decode(ConsumerRecord<byte[], byte[]> source, TopicPartition partition) {
        QueueObservationRecord row;
        try {
            row = ObservationJson.fromBytes(source.value());
        } catch (UnsupportedSchemaVersionException e) {
            return new Decoded<>(null, new DeadLetter(source, RecordDecoder.UNSUPPORTED_SCHEMA_VERSION, -1, e.getMessage()));
        } catch (InvalidRecordException e) {
            return new Decoded<>(null, new DeadLetter(source, "invalid-json", -1, e.getMessage()));
        }
        Optional<String> problem = validation.apply(row);
        if (problem.isPresent()) {
            return new Decoded<>(null, new DeadLetter(source, "invalid-record", -1, problem.get()));
        }
        return new Decoded<>(new DecodedRow<>(row, partition, source.offset(), RecordDecoder.sizeOf(source)), null);
    }
}
