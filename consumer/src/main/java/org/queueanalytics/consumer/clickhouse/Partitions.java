package org.queueanalytics.consumer.clickhouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * Splits a batch so that no INSERT touches more than {@code maxPartitions} partitions:
 * current ClickHouse refuses an INSERT over more than {@code max_partitions_per_insert_block}
 * (100) partitions, and every partition an INSERT touches becomes a part to merge.
 *
 * <p>Records are grouped by (UTC day of {@code interval_start}, {@code queue_id}) — the default
 * partition key {@code (toYYYYMMDD(event_time), queue_id)}. Whatever {@code partition_by} the
 * table was created with, this grouping is used: it is conservative for coarser keys such as
 * {@code toYYYYMM(event_time)} (each chunk then touches even fewer partitions). A custom key
 * finer than a day per queue is not supported by this split.
 *
 * <p>Within a chunk, records keep their batch order; chunks are ordered by the first
 * appearance of their keys. Stateless and thread-safe.
 */
public final class Partitions {
    /** ClickHouse's default {@code max_partitions_per_insert_block}. */
    public static final int DEFAULT_MAX_PARTITIONS = 100;
    private static final long SECONDS_PER_DAY = 86_400;

    private final int maxPartitions;

    public Partitions() {
        this(DEFAULT_MAX_PARTITIONS);
    }

    public Partitions(int maxPartitions) {
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("Partitions: maxPartitions must be at least 1 (was " + maxPartitions + ")");
        }
        this.maxPartitions = maxPartitions;
    }

    /** The (day, queue) partition a record lands in. */
    public record Key(long utcDay, String queueId) {
        static Key of(QueueIntervalRecord r) {
            Instant start = r.intervalStart();
            return new Key(Math.floorDiv(start.getEpochSecond(), SECONDS_PER_DAY), r.queueId());
        }
    }

    /** The batch cut into chunks of at most {@code maxPartitions} distinct keys; one chunk when it fits. */
    public List<List<QueueIntervalRecord>> split(List<QueueIntervalRecord> batch) {
        Map<Key, List<QueueIntervalRecord>> groups = new LinkedHashMap<>();
        for (QueueIntervalRecord r : batch) {
            groups.computeIfAbsent(Key.of(r), k -> new ArrayList<>()).add(r);
        }
        if (groups.size() <= maxPartitions) {
            return batch.isEmpty() ? List.of() : List.of(batch);
        }
        List<List<QueueIntervalRecord>> chunks = new ArrayList<>();
        List<QueueIntervalRecord> chunk = new ArrayList<>();
        int keysInChunk = 0;
        for (List<QueueIntervalRecord> group : groups.values()) {
            if (keysInChunk == maxPartitions) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                keysInChunk = 0;
            }
            chunk.addAll(group);
            keysInChunk++;
        }
        chunks.add(chunk);
        return chunks;
    }
}
