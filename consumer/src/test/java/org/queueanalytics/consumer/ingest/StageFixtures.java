package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.common.record.QueueIntervalRecord;

/** Batches and a Kafka consumer for the ingest stages' unit tests. */
final class StageFixtures {
    static final String TOPIC = "t";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private StageFixtures() {
    }

    /** A batch of {@code count} rows of {@code partition} from offset {@code first} on. */
    static PendingBatch<QueueIntervalRecord> batch(TopicPartition partition, long first, int count) {
        PendingBatch<QueueIntervalRecord> batch = new PendingBatch<>(new BatchSettings(1000, 1 << 20, Duration.ofSeconds(1)), Instant.EPOCH);
        for (int i = 0; i < count; i++) {
            batch.addRow(new DecodedRow<>(ConsumerPipelineIT.record(i, "Q" + i), partition, first + i, 100));
        }
        return batch;
    }

    /** Kafka's MockConsumer, assigned {@code partitions}; {@code commitFailure}, while set, is what commitSync throws. */
    static final class CommittingConsumer extends MockConsumer<byte[], byte[]> {
        final AtomicReference<RuntimeException> commitFailure = new AtomicReference<>();
        final AtomicInteger commitCalls = new AtomicInteger();

        CommittingConsumer(TopicPartition... partitions) {
            super("earliest");
            assign(java.util.List.of(partitions));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            commitCalls.incrementAndGet();
            RuntimeException failure = commitFailure.get();
            if (failure != null) {
                throw failure;
            }
            super.commitSync(offsets, timeout);
        }

        /** The committed offset of {@code tp}, or -1 while none is. */
        long committedOffset(TopicPartition tp) {
            OffsetAndMetadata offset = committed(java.util.Set.of(tp)).get(tp);
            return offset == null ? -1 : offset.offset();
        }
    }
}
