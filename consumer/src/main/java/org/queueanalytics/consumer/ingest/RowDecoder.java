package org.queueanalytics.consumer.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * First stage of a pipeline: Kafka bytes → a validated row, or a dead letter saying why not.
 * {@link RecordDecoder} decodes the interval records, {@link ObservationDecoder} the live-state
 * observations; both use the same dead-letter reasons ({@code invalid-json},
 * {@code unsupported-schema-version}, {@code invalid-record}). Called on the poll thread only.
 *
 * @param <R> the record type rows carry
 */
public interface RowDecoder<R> {
    /** Exactly one of the two results is set. */
    record Decoded<R>(DecodedRow<R> row, DeadLetter deadLetter) {
    }

    /** {@code partition} is {@code source}'s, passed in so that every row of a partition shares one instance. */
    Decoded<R> decode(ConsumerRecord<byte[], byte[]> source, TopicPartition partition);
}
