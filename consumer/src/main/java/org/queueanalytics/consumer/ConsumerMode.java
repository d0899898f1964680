package org.queueanalytics.consumer;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.consumer.ingest.StartPosition;

/**
 * How the consumer runs: as the live service (the configured group, from its committed offsets,
 * forever), or as a replay (a dedicated group {@code <group_id>.replay} so it never steals
 * partitions from the live group, from the beginning or a timestamp, optionally until caught up
 * with the end offsets seen when the partitions were assigned).
 */
public final class ConsumerMode {
    public static final String REPLAY_GROUP_SUFFIX = ".replay";

    private final boolean replay;
    private final Instant fromTimestamp;
    private final boolean untilCaughtUp;
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();

    private ConsumerMode(boolean replay, Instant fromTimestamp, boolean untilCaughtUp) {
        this.replay = replay;
        this.fromTimestamp = fromTimestamp;
        this.untilCaughtUp = untilCaughtUp;
    }

    public static ConsumerMode live() {
        return new ConsumerMode(false, null, false);
    }

    /** {@code from} null = from the beginning of the topic. */
    public static ConsumerMode replay(Instant from, boolean untilCaughtUp) {
        return new ConsumerMode(true, from, untilCaughtUp);
    }

    public boolean isReplay() {
        return replay;
    }

    public String groupId(KafkaSettings kafka) {
        return replay ? kafka.groupId() + REPLAY_GROUP_SUFFIX : kafka.groupId();
    }

    StartPosition startPosition() {
        if (!replay) {
            return StartPosition.COMMITTED;
        }
        return (consumer, partitions) -> {
            seek(consumer, partitions);
            if (untilCaughtUp) {
                endOffsets.putAll(consumer.endOffsets(partitions));
            }
        };
    }

    private void seek(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        if (fromTimestamp == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, fromTimestamp.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            if (at == null) {
                consumer.seekToEnd(java.util.List.of(tp));
            } else {
                consumer.seek(tp, at.offset());
            }
        }
    }

    Predicate<Consumer<byte[], byte[]>> stopCondition() {
        if (!untilCaughtUp) {
            return consumer -> false;
        }
        return consumer -> !endOffsets.isEmpty()
                && endOffsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
