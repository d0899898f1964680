package org.queueanalytics.consumer.ingest;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Where newly assigned partitions start: from the committed offsets, or a replay position. */
@FunctionalInterface
public interface StartPosition {
    void onAssigned(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions);

    StartPosition COMMITTED = (consumer, partitions) -> { };
}
