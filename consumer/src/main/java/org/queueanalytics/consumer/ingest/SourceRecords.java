package org.queueanalytics.consumer.ingest;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a consumed record back from Kafka by its position. Batches keep decoded rows only, so when
 * ClickHouse rejects a row, this is where its original key, value and headers come from for the
 * dead letter. Used by the writer thread only.
 */
public interface SourceRecords extends AutoCloseable {
    /**
     * The record at {@code offset} of {@code partition}, or empty when Kafka no longer has it (its
     * retention removed it). Throws a {@link org.apache.kafka.common.KafkaException} when Kafka cannot
     * answer: the write round then fails and is retried, nothing is lost.
     */
    Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) throws InterruptedException;

    @Override
    void close();
}
