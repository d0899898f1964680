package org.queueanalytics.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.kafka.KafkaClients;

/**
 * Whether a consumer group has committed the end of every partition of a topic that nothing writes
 * to any more (a benchmark's loaded input): the definitive "all stored and committed" for a pipeline
 * that, unlike replay, never ends by itself — the live-state observations. The end offsets are read
 * once; each {@link #allCommitted} asks the group's offsets again.
 */
final class CommitWatch implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final Map<TopicPartition, Long> ends;

    CommitWatch(KafkaSettings kafka, String topic, String group) throws InterruptedException, ExecutionException {
        this.admin = Admin.create(KafkaClients.baseProperties(kafka));
        this.group = group;
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        this.ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** True when the group's committed offset of every partition is its end offset. */
    boolean allCommitted() throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
        });
    }

    @Override
    public void close() {
        admin.close();
    }
}
