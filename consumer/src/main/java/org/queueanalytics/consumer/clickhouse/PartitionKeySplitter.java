package org.queueanalytics.consumer.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * Splits a batch so that no INSERT touches more than {@code maxPartitions} partitions:
 * current ClickHouse refuses an INSERT over more than {@code max_partitions_per_insert_block}
 * (100) partitions, and every partition an INSERT touches becomes a part to merge.
 *
 * <p>Records are grouped by the table's partition key when it is one of the keys this class
 * knows — the default {@code (toYYYYMMDD(event_time), queue_id)}, {@code toYYYYMMDD(event_time)}
 * and {@code toYYYYMM(event_time)} (the README's recommendation), compared without spaces — and
 * by (UTC day of {@code interval_start}, {@code queue_id}) otherwise: that is conservative for
 * any coarser key, and a custom key finer than a day per queue is not supported by this split.
 * Grouping by the real key matters for coarse keys: a batch of the default size spans a day or
 * two of 200 queues, i.e. hundreds of (day, queue) groups but one or two months — one INSERT
 * (and one new part) instead of several.
 *
 * <p>Within a chunk, records keep their batch order; chunks are ordered by the first
 * appearance of their keys. Stateless and thread-safe.
 */
public final class PartitionKeySplitter implements BatchSplitter<QueueIntervalRecord> {
    /** ClickHouse's default {@code max_partitions_per_insert_block}. */
    public static final int DEFAULT_MAX_PARTITIONS = 100;
    private static final long SECONDS_PER_DAY = 86_400;

    /** How records map to partitions: the grouping key of a record. */
    private enum Grouping {
        DAY_AND_QUEUE {
            @Override
            Object key(QueueIntervalRecord r) {
                return Key.of(r);
            }
        },
        DAY {
            @Override
            Object key(QueueIntervalRecord r) {
                return Math.floorDiv(r.intervalStart().getEpochSecond(), SECONDS_PER_DAY);
            }
        },
        MONTH {
            @Override
            Object key(QueueIntervalRecord r) {
                LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(r.intervalStart().getEpochSecond(), SECONDS_PER_DAY));
                return day.getYear() * 100 + day.getMonthValue();
            }
        };

        abstract Object key(QueueIntervalRecord r);
    }

    private static final Pattern PARTITION_BY =
            Pattern.compile("PARTITION BY (.+?)\\s+(?:ORDER BY|PRIMARY KEY|SAMPLE BY|TTL|SETTINGS)\\b");

    private final int maxPartitions;
    private final Grouping grouping;

    public PartitionKeySplitter() {
        this(DEFAULT_MAX_PARTITIONS);
    }

    /** Grouped by (day, queue), the default key. */
    public PartitionKeySplitter(int maxPartitions) {
        this(maxPartitions, Grouping.DAY_AND_QUEUE);
    }

    private PartitionKeySplitter(int maxPartitions, Grouping grouping) {
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("PartitionKeySplitter: maxPartitions must be at least 1 (was " + maxPartitions + ")");
        }
        this.maxPartitions = maxPartitions;
        this.grouping = grouping;
    }

    /**
     * The split for a table created with {@code partitionBy} ({@code clickhouse.partition_by}):
     * grouped by that key when it is a known one, else by (day, queue) as {@link #PartitionKeySplitter(int)}.
     */
    public static PartitionKeySplitter forPartitionKey(String partitionBy, int maxPartitions) {
        String key = partitionBy == null ? "" : partitionBy.replaceAll("\\s+", "");
        Grouping grouping = switch (key) {
            case "toYYYYMM(event_time)", "(toYYYYMM(event_time))" -> Grouping.MONTH;
            case "toYYYYMMDD(event_time)", "(toYYYYMMDD(event_time))" -> Grouping.DAY;
            default -> Grouping.DAY_AND_QUEUE;
        };
        return new PartitionKeySplitter(maxPartitions, grouping);
    }

    /**
     * The split for the table {@code answer} describes: the TabSeparated answer of
     * {@code SHOW CREATE TABLE} (one value, line breaks escaped as {@code \n}), grouped by its
     * {@code PARTITION BY} key as {@link #forPartitionKey}; by (day, queue) when it has none.
     */
    public static PartitionKeySplitter forShowCreateTable(String answer, int maxPartitions) {
        Matcher m = PARTITION_BY.matcher(answer.replace("\\n", " "));
        return forPartitionKey(m.find() ? m.group(1).strip() : null, maxPartitions);
    }

    /** The (day, queue) partition a record lands in under the default key. */
    public record Key(long utcDay, String queueId) {
        static Key of(QueueIntervalRecord r) {
            Instant start = r.intervalStart();
            return new Key(Math.floorDiv(start.getEpochSecond(), SECONDS_PER_DAY), r.queueId());
        }
    }

    /** The batch cut into chunks of at most {@code maxPartitions} distinct keys; one chunk when it fits. */
    @Override
    public List<List<QueueIntervalRecord>> split(List<QueueIntervalRecord> batch) {
        return split(batch, grouping::key, maxPartitions);
    }

    /**
     * {@code batch} cut into chunks of at most {@code maxPartitions} distinct values of {@code partition}
     * (the partition a record lands in); one chunk when it fits. Records keep their batch order within a
     * chunk; chunks are ordered by the first appearance of their keys. Any table's split: the observations
     * use it with the day of {@code observed_at}.
     */
    public static <R> List<List<R>> split(List<R> batch, Function<? super R, ?> partition, int maxPartitions) {
        Map<Object, List<R>> groups = new LinkedHashMap<>();
        for (R r : batch) {
            groups.computeIfAbsent(partition.apply(r), k -> new ArrayList<>()).add(r);
        }
        if (groups.size() <= maxPartitions) {
            return batch.isEmpty() ? List.of() : List.of(batch);
        }
        List<List<R>> chunks = new ArrayList<>();
        List<R> chunk = new ArrayList<>();
        int keysInChunk = 0;
        for (List<R> group : groups.values()) {
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
