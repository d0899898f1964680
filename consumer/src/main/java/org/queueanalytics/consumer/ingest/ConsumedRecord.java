package org.queueanalytics.consumer.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.record.QueueIntervalRecord;

/** A decoded, validated row and the Kafka record it came from (kept for the DLQ and for commits). */
public record ConsumedRecord(QueueIntervalRecord row, ConsumerRecord<byte[], byte[]> source) {
    public TopicPartition partition() {
        return new TopicPartition(source.topic(), source.partition());
    }
}
