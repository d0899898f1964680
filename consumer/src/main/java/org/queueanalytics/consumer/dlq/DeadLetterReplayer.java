package org.queueanalytics.consumer.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;
import org.queueanalytics.consumer.scan.TopicScan;

/**
 * Re-publishes dead letters to the data topic with their original key, value and headers (the
 * {@code dlq.*} headers removed), optionally only those of one {@code dlq.reason}. A letter whose
 * {@code dlq.original.topic} is one of the other data topics of the DLQ (the live-state observations'
 * topic) goes back there instead: its record would not decode on the interval topic. Reads the DLQ
 * by assigned partitions up to the end offsets seen at start; progress is committed (see
 * {@link ReplayProgress}) only after Kafka acknowledged every re-published record up to it,
 * every {@link #CHUNK} letters and at the end. A dry run publishes and commits nothing.
 */
public final class DeadLetterReplayer {
    static final int CHUNK = 1000;
    static final String DLQ_HEADER_PREFIX = "dlq.";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> reader;
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final String dlqTopic;
    private final String topic;
    private final Set<String> otherTopics;
    private final String groupId;

    public DeadLetterReplayer(Consumer<byte[], byte[]> reader, Producer<byte[], byte[]> producer, Admin admin,
                              String dlqTopic, String topic, String groupId) {
        this(reader, producer, admin, dlqTopic, topic, Set.of(), groupId);
    }

    /** @param otherTopics data topics besides {@code topic} whose letters go back to them (by {@code dlq.original.topic}) */
    public DeadLetterReplayer(Consumer<byte[], byte[]> reader, Producer<byte[], byte[]> producer, Admin admin,
                              String dlqTopic, String topic, Set<String> otherTopics, String groupId) {
        this.otherTopics = Set.copyOf(otherTopics);
        this.reader = reader;
        this.producer = producer;
        this.admin = admin;
        this.dlqTopic = dlqTopic;
        this.topic = topic;
        this.groupId = groupId;
    }

    /** {@code reasonFilter} null: every reason. */
    public ReplaySummary run(String reasonFilter, boolean dryRun) throws Exception {
        ReplaySummary summary = new ReplaySummary(dryRun);
        TopicScan scan = new TopicScan(reader, TIMEOUT, TIMEOUT);
        List<TopicPartition> partitions = scan.partitions(dlqTopic);
        if (partitions.isEmpty()) {
            return summary;
        }
        Map<TopicPartition, Long> ends = scan.endOffsets(partitions);
        Map<TopicPartition, Long> beginnings = scan.beginningOffsets(partitions);
        ReplayProgress progress = new ReplayProgress(committed(ReplayProgress.group(groupId)));
        if (reasonFilter != null) {
            progress.reason(reasonFilter, committed(ReplayProgress.group(groupId, reasonFilter)));
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition tp : partitions) {
            starts.put(tp, Math.max(beginnings.get(tp), progress.start(tp, reasonFilter)));
        }
        String progressGroup = reasonFilter == null ? ReplayProgress.group(groupId) : ReplayProgress.group(groupId, reasonFilter);
        Map<TopicPartition, Long> reached = new HashMap<>();
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        scan.scan(starts, ends, letter -> {
            summary.read();
            String reason = reasonOf(letter);
            TopicPartition tp = new TopicPartition(letter.topic(), letter.partition());
            if (reasonFilter != null && !reasonFilter.equals(reason)) {
                summary.otherReason();
            } else {
                if (!progress.knows(reason)) {
                    progress.reason(reason, committed(ReplayProgress.group(groupId, reason)));
                }
                if (progress.replayed(tp, letter.offset(), reason)) {
                    summary.alreadyReplayed();
                } else {
                    ProducerRecord<byte[], byte[]> republished = republished(letter);
                    summary.publish(reason, letter.key() == null ? "(none)" : new String(letter.key(), StandardCharsets.UTF_8),
                            republished.topic().equals(topic) ? null : republished.topic());
                    if (!dryRun) {
                        pending.add(producer.send(republished));
                    }
                }
            }
            reached.put(tp, letter.offset() + 1);
            if (!dryRun && pending.size() >= CHUNK) {
                acknowledge(pending);
                commit(progressGroup, reached);
            }
        });
        if (!dryRun) {
            acknowledge(pending);
            commit(progressGroup, ends);
        }
        return summary;
    }

    ProducerRecord<byte[], byte[]> republished(ConsumerRecord<byte[], byte[]> letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : letter.headers()) {
            if (!h.key().startsWith(DLQ_HEADER_PREFIX)) {
                headers.add(h);
            }
        }
        return new ProducerRecord<>(targetOf(letter), null, letter.key(), letter.value(), headers);
    }

    /** {@code topic}, or the letter's original topic when that is one of {@code otherTopics}. */
    private String targetOf(ConsumerRecord<byte[], byte[]> letter) {
        Header h = letter.headers().lastHeader(DeadLetterPublisher.ORIGINAL_TOPIC);
        String original = h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        return original != null && otherTopics.contains(original) ? original : topic;
    }

    static String reasonOf(ConsumerRecord<byte[], byte[]> letter) {
        Header h = letter.headers().lastHeader(DeadLetterPublisher.REASON);
        return h == null || h.value() == null ? "unknown" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void acknowledge(List<Future<RecordMetadata>> pending) throws Exception {
        producer.flush();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (Future<RecordMetadata> ack : pending) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the topic " + topic + " refused a re-published dead letter ("
                        + e.getCause().getMessage() + "); progress was not committed past it, run dlq-replay again", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the topic " + topic + " did not acknowledge the re-published dead letters within "
                        + TIMEOUT.toSeconds() + " s; progress was not committed past them, run dlq-replay again", e);
            }
        }
        pending.clear();
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(dlqTopic)) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    private void commit(String group, Map<TopicPartition, Long> positions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        if (!offsets.isEmpty()) {
            admin.alterConsumerGroupOffsets(group, offsets).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
