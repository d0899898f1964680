package org.queueanalytics.producer.sharding;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the coordination topic's rebalance callbacks into {@link ShardAssignment} changes. Runs on
 * the membership thread inside {@code poll()}; it returns at once, so the rebalance is never held
 * up: a shard the poll loop is still fetching is abandoned there (its checkpoint does not move),
 * and the next owner polls it from its last checkpoint.
 */
final class ShardRebalanceListener implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ShardRebalanceListener.class);

    private final String topic;
    private final ShardAssignment assignment;

    ShardRebalanceListener(String topic, ShardAssignment assignment) {
        this.topic = topic;
        this.assignment = assignment;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        assignment.assigned(shardsOf(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        assignment.revoked(shardsOf(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.warn("Producer shards {} lost with the group session (Kafka unreachable for longer than the session "
                    + "timeout); other instances poll them now", shardsOf(partitions));
        }
        assignment.revoked(shardsOf(partitions));
    }

    private List<Integer> shardsOf(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).sorted().toList();
    }
}
