package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.config.BatchSettings;

/**
 * Records consumed since the last flush, across partitions, with the bookkeeping that makes
 * commit-after-insert exact: for each partition the first and last offset taken (good rows and
 * dead letters alike). Not thread-safe: owned by the poll loop until handed to the writer,
 * after which nobody changes it.
 *
 * @param <R> the record type of its rows
 */
public final class PendingBatch<R> {
    private final BatchSettings limits;
    private final Instant openedAt;
    private final List<DecodedRow<R>> rows = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Map<TopicPartition, long[]> offsetRange = new HashMap<>();
    private long bytes;

    public PendingBatch(BatchSettings limits, Instant openedAt) {
        this.limits = limits;
        this.openedAt = openedAt;
    }

    public void addRow(DecodedRow<R> record) {
        rows.add(record);
        track(record.partition(), record.offset(), record.bytes());
    }

    public void addDeadLetter(DeadLetter letter) {
        deadLetters.add(letter);
        ConsumerRecord<byte[], byte[]> source = letter.source();
        track(new TopicPartition(source.topic(), source.partition()), source.offset(), RecordDecoder.sizeOf(source));
    }

    private void track(TopicPartition partition, long offset, int size) {
        bytes += size;
        long[] range = offsetRange.get(partition);
        if (range == null) {
            offsetRange.put(partition, new long[] {offset, offset});
        } else {
            range[0] = Math.min(range[0], offset);
            range[1] = Math.max(range[1], offset);
        }
    }

    public boolean isEmpty() {
        return offsetRange.isEmpty();
    }

    public boolean isFull() {
        return recordCount() >= limits.maxRows() || bytes >= limits.maxBytes(); // dead letters count: max_rows bounds the batch
    }

    /** Full, or non-empty and older than the linger time. */
    public boolean isDue(Instant now) {
        return isFull() || (!isEmpty() && !Duration.between(openedAt, now).minus(limits.linger()).isNegative());
    }

    public List<DecodedRow<R>> rows() {
        return rows;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public long bytes() {
        return bytes;
    }

    public int recordCount() {
        return rows.size() + deadLetters.size();
    }

    /** The offsets to commit once every record of this batch is stored: last offset + 1 per partition. */
    public Map<TopicPartition, OffsetAndMetadata> commitOffsets() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        offsetRange.forEach((tp, range) -> out.put(tp, new OffsetAndMetadata(range[1] + 1)));
        return out;
    }

    /** The first offset per partition: where to seek back to re-read this batch. */
    public Map<TopicPartition, Long> firstOffsets() {
        Map<TopicPartition, Long> out = new HashMap<>();
        offsetRange.forEach((tp, range) -> out.put(tp, range[0]));
        return out;
    }

    public java.util.Set<TopicPartition> partitions() {
        return offsetRange.keySet();
    }

    /** Forgets everything taken from {@code revoked} (their new owner re-reads it from the committed offset). */
    public void dropPartitions(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        rows.removeIf(r -> revoked.contains(r.partition()));
        deadLetters.removeIf(d -> revoked.contains(new TopicPartition(d.source().topic(), d.source().partition())));
        revoked.forEach(offsetRange::remove);
        bytes = 0;
        rows.forEach(r -> bytes += r.bytes());
        deadLetters.forEach(d -> bytes += RecordDecoder.sizeOf(d.source()));
    }
}
