package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.testing.Records;

class PartitionKeySplitterTest {
    private static final Instant DAY = Instant.parse("2025-01-27T00:00:00Z");

    @Test
    void keepsABatchWithinTheLimitAsOneChunkInItsOrder() {
        List<QueueIntervalRecord> batch = List.of(rec("b", 0), rec("a", 0), rec("b", 1));
        assertThat(new PartitionKeySplitter().split(batch)).containsExactly(batch);
    }

    @Test
    void returnsNoChunkForAnEmptyBatch() {
        assertThat(new PartitionKeySplitter().split(List.of())).isEmpty();
    }

    @Test
    void splitsSoNoChunkTouchesMoreThanTheLimit() {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int q = 0; q < 90; q++) {
                batch.add(rec("queue-" + q, day));
                batch.add(rec("queue-" + q, day)); // two media types / intervals per partition
            }
        }
        List<List<QueueIntervalRecord>> chunks = new PartitionKeySplitter().split(batch);

        assertThat(chunks).hasSize(3); // 270 partitions -> 100 + 100 + 70
        assertThat(chunks).allSatisfy(chunk -> assertThat(keys(chunk)).hasSizeLessThanOrEqualTo(100));
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(batch.size());
        assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(batch);
    }

    @Test
    void keepsAllRecordsOfOnePartitionInOneChunk() {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(rec("queue-" + (i % 7), i % 30));
        }
        List<List<QueueIntervalRecord>> chunks = new PartitionKeySplitter(10).split(batch);
        Set<PartitionKeySplitter.Key> seen = new HashSet<>();
        for (List<QueueIntervalRecord> chunk : chunks) {
            Set<PartitionKeySplitter.Key> keys = keys(chunk);
            assertThat(keys).hasSizeLessThanOrEqualTo(10);
            assertThat(keys).allSatisfy(key -> assertThat(seen).doesNotContain(key));
            seen.addAll(keys);
        }
        assertThat(seen).isEqualTo(keys(batch));
    }

    @Test
    void groupsByUtcDayOfTheIntervalStart() {
        QueueIntervalRecord lateEvening = Records.record("q", "n", "voice", Instant.parse("2025-01-27T23:30:00Z"), Records.FETCHED);
        QueueIntervalRecord midnight = Records.record("q", "n", "voice", Instant.parse("2025-01-28T00:00:00Z"), Records.FETCHED);
        List<List<QueueIntervalRecord>> chunks = new PartitionKeySplitter(1).split(List.of(lateEvening, midnight));
        assertThat(chunks).containsExactly(List.of(lateEvening), List.of(midnight));
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new PartitionKeySplitter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<PartitionKeySplitter.Key> keys(List<QueueIntervalRecord> chunk) {
        Set<PartitionKeySplitter.Key> keys = new HashSet<>();
        chunk.forEach(r -> keys.add(PartitionKeySplitter.Key.of(r)));
        return keys;
    }

    private static QueueIntervalRecord rec(String queue, int day) {
        return Records.record(queue, "name", "voice", DAY.plus(Duration.ofDays(day)).plusSeconds(1800), Records.FETCHED);
    }

    @Test
    void groupsByMonthForAMonthlyKeySoADayOfTwoHundredQueuesIsOneInsert() {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int q = 0; q < 200; q++) {
            batch.add(Records.record("queue-" + q, "n", "voice", Instant.parse("2025-01-31T22:00:00Z"), Records.FETCHED));
            batch.add(Records.record("queue-" + q, "n", "voice", Instant.parse("2025-02-01T01:00:00Z"), Records.FETCHED));
        }
        assertThat(PartitionKeySplitter.forPartitionKey("toYYYYMM(event_time)", 100).split(batch)).containsExactly(batch);
        assertThat(PartitionKeySplitter.forPartitionKey(" toYYYYMM( event_time ) ", 1).split(batch)).hasSize(2)
                .allSatisfy(chunk -> assertThat(chunk).hasSize(200));
        assertThat(PartitionKeySplitter.forPartitionKey("toYYYYMMDD(event_time)", 1).split(batch)).hasSize(2);
    }

    @Test
    void keepsTheConservativeDayAndQueueGroupingForTheDefaultAndForUnknownKeys() {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int q = 0; q < 150; q++) {
            batch.add(Records.record("queue-" + q, "n", "voice", Records.START, Records.FETCHED));
        }
        for (String key : new String[] {"(toYYYYMMDD(event_time), queue_id)", "toStartOfWeek(event_time)", "", null}) {
            assertThat(PartitionKeySplitter.forPartitionKey(key, 100).split(batch)).as(key).hasSize(2);
        }
    }

    @Test
    void readsTheKeyFromShowCreateTableAsEitherServerVersionWritesIt() {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int q = 0; q < 150; q++) {
            batch.add(Records.record("queue-" + q, "n", "voice", Records.START, Records.FETCHED));
        }
        String monthly = "CREATE TABLE analytics.t\\n(\\n    `event_time` DateTime\\n)\\nENGINE = ReplacingMergeTree(fetched_at)"
                + "\\nPARTITION BY toYYYYMM(event_time)\\nORDER BY (event_time, queue_id, media_type, interval_start)\\nSETTINGS "
                + "index_granularity = 8192\n"; // 26.7: one clause a line
        String daily = "CREATE TABLE analytics.t ( event_time DateTime) ENGINE = ReplacingMergeTree(fetched_at) PARTITION BY "
                + "(toYYYYMMDD(event_time), queue_id) ORDER BY (event_time, queue_id, media_type, interval_start) SETTINGS "
                + "index_granularity = 8192\n"; // 18.16: one line
        assertThat(PartitionKeySplitter.forShowCreateTable(monthly, 100).split(batch)).hasSize(1);
        assertThat(PartitionKeySplitter.forShowCreateTable(daily, 100).split(batch)).hasSize(2);
        assertThat(PartitionKeySplitter.forShowCreateTable("CREATE TABLE analytics.t (x UInt8) ENGINE = Log", 100).split(batch))
                .as("no key: by (day, queue)").hasSize(2);
    }
}
