package org.queueanalytics.consumer.ingest;

import org.apache.kafka.common.TopicPartition;

/**
 * A decoded, validated row (its record: a {@code QueueIntervalRecord}, or a {@code QueueObservationRecord} in the
 * observations pipeline) and where it came from: its partition and offset (for commits, and to
 * read the original back should ClickHouse reject the row) and the size of the Kafka record
 * (for {@code batch.max_bytes}). The record's bytes are not kept: a batch holds decoded rows only,
 * which is what keeps the heap small and the garbage collector idle (docs/BENCHMARKS.md).
 *
 * @param <R> the record type of the pipeline
 */
public record DecodedRow<R>(R record, TopicPartition partition, long offset, int bytes) {
}
