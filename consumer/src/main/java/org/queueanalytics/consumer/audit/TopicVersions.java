package org.queueanalytics.consumer.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;

/**
 * The newest record per key of the records read, grouped by queue: only a fetched_at, a digest
 * and a position per key, so millions of records fit. Records without a usable key (not JSON,
 * or no queue id, media type, interval start, granularity or fetched_at) are kept apart, one
 * entry each: the consumer dead-letters them, and the audit checks that the DLQ holds them.
 * Not thread-safe.
 */
public final class TopicVersions {
    private final Function<QueueIntervalRecord, Optional<String>> validation;
    private final Map<String, Map<AuditKey, TopicVersion>> byQueue = new HashMap<>();
    private final Map<String, String> interned = new HashMap<>();
    private final List<Keyless> keyless = new ArrayList<>();
    private long records;
    private long keys;

    /** {@code validation}: the consumer's own check, returning why a record would be dead-lettered. */
    public TopicVersions(Function<QueueIntervalRecord, Optional<String>> validation) {
        this.validation = validation;
    }

    /** A record the audit cannot place under a key, and why the consumer rejects it. */
    public record Keyless(int partition, long offset, String reason) {
    }

    public void add(ConsumerRecord<byte[], byte[]> source) {
        records++;
        QueueIntervalRecord r;
        try {
            r = RecordJson.fromBytes(source.value());
        } catch (InvalidRecordException e) {
            keyless.add(new Keyless(source.partition(), source.offset(), "invalid-json: " + e.getMessage()));
            return;
        }
        String problem = validation.apply(r).orElse(null);
        if (r.queueId() == null || r.mediaType() == null || r.intervalStart() == null || r.granularity() == null
                || r.fetchedAt() == null) {
            keyless.add(new Keyless(source.partition(), source.offset(), "invalid-record: " + problem));
            return;
        }
        TopicVersion version = problem == null
                ? new TopicVersion(r.fetchedAt().toEpochMilli(), ColumnValues.digest(ColumnValues.ofRecord(r)),
                        TopicVersion.State.STORABLE, null, source.partition(), source.offset())
                : new TopicVersion(r.fetchedAt().toEpochMilli(), null, TopicVersion.State.INVALID,
                        "invalid-record: " + problem, source.partition(), source.offset());
        AuditKey key = new AuditKey(intern(r.mediaType()), r.intervalStart().getEpochSecond(), intern(r.granularity()));
        Map<AuditKey, TopicVersion> queue = byQueue.computeIfAbsent(intern(r.queueId()), q -> new HashMap<>());
        TopicVersion previous = queue.get(key);
        if (previous == null) {
            keys++;
        }
        if (version.supersedes(previous)) {
            queue.put(key, version);
        }
    }

    private String intern(String s) {
        return interned.computeIfAbsent(s, Function.identity());
    }

    public long records() {
        return records;
    }

    public long keys() {
        return keys;
    }

    public Map<String, Map<AuditKey, TopicVersion>> byQueue() {
        return byQueue;
    }

    public List<Keyless> keyless() {
        return keyless;
    }

    /** The interval starts of one queue's keys: the time range to ask the table for. */
    static Instant[] range(Map<AuditKey, TopicVersion> queue) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (AuditKey k : queue.keySet()) {
            min = Math.min(min, k.intervalStartSecond());
            max = Math.max(max, k.intervalStartSecond());
        }
        return new Instant[] {Instant.ofEpochSecond(min), Instant.ofEpochSecond(max)};
    }
}
