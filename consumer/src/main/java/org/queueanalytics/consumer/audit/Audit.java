package org.queueanalytics.consumer.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.scan.TopicScan;

/**
 * The completeness audit: reads the data topic (records with timestamps in [from, to), up to
 * the end offsets read at start), keeps the newest record per key, then reads the dead-letter
 * topic, then compares queue by queue with the table's newest rows. Joins no consumer group,
 * commits nothing, inserts nothing.
 */
public final class Audit {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> kafka;
    private final TableVersions table;
    private final Function<QueueIntervalRecord, Optional<String>> validation;
    private final String topic;
    private final String dlqTopic;
    private final String tableName;

    public Audit(Consumer<byte[], byte[]> kafka, TableVersions table, Function<QueueIntervalRecord, Optional<String>> validation,
                 String topic, String dlqTopic, String tableName) {
        this.kafka = kafka;
        this.table = table;
        this.validation = validation;
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.tableName = tableName;
    }

    /** {@code from}/{@code to} null: from the beginning / up to the end offsets read at start. */
    public AuditReport run(Instant from, Instant to) throws Exception {
        TopicScan scan = new TopicScan(kafka, REQUEST_TIMEOUT, STALL_TIMEOUT);
        List<TopicPartition> partitions = scan.partitions(topic);
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the topic " + topic + " does not exist (kafka.topic); nothing to audit");
        }
        Map<TopicPartition, Long> ends = scan.endOffsets(partitions);
        Map<TopicPartition, Long> starts = from == null ? scan.beginningOffsets(partitions)
                : scan.offsetsAt(partitions, from.toEpochMilli(), ends);
        TopicVersions versions = new TopicVersions(validation);
        long fromMs = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long toMs = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        scan.scan(starts, ends, r -> {
            if (r.timestamp() >= fromMs && r.timestamp() < toMs) {
                versions.add(r);
            }
        });

        // Read after the data topic, so that letters the live consumer wrote meanwhile count too.
        DeadLetterIndex dlq = new DeadLetterIndex(topic);
        List<TopicPartition> dlqPartitions = scan.partitions(dlqTopic);
        if (!dlqPartitions.isEmpty()) {
            scan.scan(scan.beginningOffsets(dlqPartitions), scan.endOffsets(dlqPartitions), dlq::add);
        }

        AuditReport report = new AuditReport(topic, tableName, from, to);
        report.recordsRead(versions.records());
        report.keys(versions.keys());
        for (TopicVersions.Keyless k : versions.keyless()) {
            String dlqReason = dlq.reason(k.partition(), k.offset());
            report.add(dlqReason == null ? Outcome.MISSING : Outcome.DEAD_LETTERED, new AuditReport.Example(
                    null, null, null, null, null, null, dlqReason == null ? k.reason() + " (not in the DLQ)" : dlqReason,
                    k.partition(), k.offset()));
        }
        for (var queue : versions.byQueue().entrySet()) {
            Instant[] range = TopicVersions.range(queue.getValue());
            Map<AuditKey, TableVersion> rows = table.read(queue.getKey(), range[0], range[1]);
            for (var entry : queue.getValue().entrySet()) {
                compare(report, queue.getKey(), entry.getKey(), resolve(entry.getValue(), dlq), rows.get(entry.getKey()));
            }
        }
        return report;
    }

    private static TopicVersion resolve(TopicVersion v, DeadLetterIndex dlq) {
        String reason = dlq.reason(v.partition(), v.offset());
        if (reason == null) {
            return v;
        }
        return new TopicVersion(v.fetchedAtMillis(), v.digest(), TopicVersion.State.DEAD_LETTERED, reason, v.partition(), v.offset());
    }

    private static void compare(AuditReport report, String queueId, AuditKey key, TopicVersion v, TableVersion row) {
        Outcome outcome = Comparison.classify(v, row);
        String reason = switch (outcome) {
            case MISSING -> v.state() == TopicVersion.State.INVALID ? v.reason() + " (not in the DLQ)" : null;
            case DEAD_LETTERED -> v.reason();
            default -> null;
        };
        report.add(outcome, new AuditReport.Example(queueId, key.mediaType(), Instant.ofEpochSecond(key.intervalStartSecond()),
                key.granularity(), v.fetchedAtMillis(), row == null ? null : row.fetchedAtMillis(), reason,
                v.partition(), v.offset()));
    }
}
