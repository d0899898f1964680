package org.queueanalytics.consumer.dlq;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far dead letters were already re-published, from the committed offsets of two kinds of
 * consumer group (on the DLQ topic): {@code <group_id>.dlq-replay} for runs without
 * {@code --reason} (every letter before its offset was handled, whatever its reason) and
 * {@code <group_id>.dlq-replay.<reason>} for runs with one (every letter of that reason before
 * its offset was handled). A letter is re-published only when its offset is at or after both,
 * and the run then advances the group it stands for, so no letter is re-published twice, and a
 * run filtered to one reason leaves the others for later.
 */
public final class ReplayProgress {
    public static final String GROUP_SUFFIX = ".dlq-replay";

    private final Map<TopicPartition, Long> all;
    private final Map<String, Map<TopicPartition, Long>> byReason = new HashMap<>();

    /** {@code all}: the committed offsets of the group without a reason (absent = nothing handled). */
    public ReplayProgress(Map<TopicPartition, Long> all) {
        this.all = Map.copyOf(all);
    }

    public static String group(String groupId) {
        return groupId + GROUP_SUFFIX;
    }

    public static String group(String groupId, String reason) {
        return groupId + GROUP_SUFFIX + "." + reason;
    }

    public boolean knows(String reason) {
        return byReason.containsKey(reason);
    }

    public void reason(String reason, Map<TopicPartition, Long> committed) {
        byReason.put(reason, Map.copyOf(committed));
    }

    /** Where a run reads from: the group without reason's offset, or the later of it and the reason's. */
    public long start(TopicPartition tp, String reasonFilter) {
        long from = all.getOrDefault(tp, 0L);
        if (reasonFilter != null) {
            from = Math.max(from, byReason.getOrDefault(reasonFilter, Map.of()).getOrDefault(tp, 0L));
        }
        return from;
    }

    /** Whether the letter at {@code offset} with {@code reason} was re-published by an earlier run. */
    public boolean replayed(TopicPartition tp, long offset, String reason) {
        long done = Math.max(all.getOrDefault(tp, 0L),
                byReason.getOrDefault(reason, Map.of()).getOrDefault(tp, 0L));
        return offset < done;
    }
}
