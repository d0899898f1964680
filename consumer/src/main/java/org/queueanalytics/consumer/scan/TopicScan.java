package org.queueanalytics.consumer.scan;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic once, between start offsets and the end offsets read before the first poll,
 * with partitions assigned by hand: no consumer group is joined and nothing is committed.
 * Used by the one-shot commands ({@code audit}, {@code dlq-replay}) that must not disturb the
 * live consumer group. Every wait is bounded: a partition that stops advancing for
 * {@code stallTimeout} fails the scan.
 */
public final class TopicScan {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration requestTimeout;
    private final Duration stallTimeout;

    public TopicScan(Consumer<byte[], byte[]> consumer, Duration requestTimeout, Duration stallTimeout) {
        this.consumer = consumer;
        this.requestTimeout = requestTimeout;
        this.stallTimeout = stallTimeout;
    }

    /** What is done with each record read. */
    @FunctionalInterface
    public interface Handler {
        void accept(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    /** The topic's partitions; empty when the topic does not exist. */
    public List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, requestTimeout);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    public Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, requestTimeout);
    }

    public Map<TopicPartition, Long> beginningOffsets(List<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions, requestTimeout);
    }

    /** The first offset with a timestamp at or after {@code epochMillis}, or the end offset where there is none. */
    public Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, long epochMillis, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, epochMillis));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, requestTimeout);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            out.put(tp, at == null ? ends.get(tp) : at.offset());
        }
        return out;
    }

    /**
     * Reads every record from {@code start} (inclusive) to {@code end} (exclusive) per partition
     * and returns how many were handed to {@code handler}.
     */
    public long scan(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, Handler handler) throws Exception {
        Map<TopicPartition, Long> remaining = new HashMap<>();
        start.forEach((tp, from) -> {
            long to = end.getOrDefault(tp, 0L);
            if (from < to) {
                remaining.put(tp, to);
            }
        });
        if (remaining.isEmpty()) {
            return 0;
        }
        consumer.assign(remaining.keySet());
        remaining.keySet().forEach(tp -> consumer.seek(tp, start.get(tp)));
        long handled = 0;
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                Long to = remaining.get(new TopicPartition(r.topic(), r.partition()));
                if (to != null && r.offset() < to) {
                    handler.accept(r);
                    handled++;
                }
            }
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), requestTimeout) >= e.getValue());
            consumer.pause(consumer.assignment().stream().filter(tp -> !remaining.containsKey(tp)).toList());
            if (!remaining.isEmpty() && System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException("Kafka returned no records for " + stallTimeout.toSeconds()
                        + " s while reading " + remaining.keySet() + " up to the end offsets " + remaining.values()
                        + "; check that the brokers are reachable and the partitions have a leader");
            }
        }
        consumer.unsubscribe();
        return handled;
    }
}
