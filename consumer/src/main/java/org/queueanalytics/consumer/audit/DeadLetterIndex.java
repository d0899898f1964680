package org.queueanalytics.consumer.audit;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;

/**
 * Which offsets of the data topic are in the dead-letter topic, and why: built from the DLQ's
 * {@code dlq.original.topic}, {@code dlq.original.partition}, {@code dlq.original.offset} and
 * {@code dlq.reason} headers. Letters of other topics, or without those headers, are ignored.
 */
public final class DeadLetterIndex {
    private final String topic;
    private final Map<Integer, Map<Long, String>> reasons = new HashMap<>();
    private long letters;

    public DeadLetterIndex(String topic) {
        this.topic = topic;
    }

    public void add(ConsumerRecord<byte[], byte[]> letter) {
        String from = header(letter, DeadLetterPublisher.ORIGINAL_TOPIC);
        String partition = header(letter, DeadLetterPublisher.ORIGINAL_PARTITION);
        String offset = header(letter, DeadLetterPublisher.ORIGINAL_OFFSET);
        if (!topic.equals(from) || partition == null || offset == null) {
            return;
        }
        try {
            String reason = header(letter, DeadLetterPublisher.REASON);
            reasons.computeIfAbsent(Integer.parseInt(partition), p -> new HashMap<>())
                    .put(Long.parseLong(offset), reason == null ? "unknown" : reason);
            letters++;
        } catch (NumberFormatException e) {
            // not a letter of this consumer: nothing to index
        }
    }

    /** The DLQ reason of the record at this position of the data topic, or null when it is not in the DLQ. */
    public String reason(int partition, long offset) {
        Map<Long, String> p = reasons.get(partition);
        return p == null ? null : p.get(offset);
    }

    public long letters() {
        return letters;
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
