package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import org.queueanalytics.consumer.clickhouse.values.ObservationValuesEncoder;
import org.queueanalytics.consumer.clickhouse.testing.Observations;

/** The observations' table codec: their encoder, table, and a split by the UTC day of observed_at. */
class ObservationCodecTest {
    private final ObservationCodec codec = ObservationCodec.INSTANCE;

    @Test
    void keepsABatchOfAFewDaysInOneInsert() {
        List<QueueObservationRecord> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(at(Observations.waiting("q-" + i, i), Duration.ofMinutes(10L * i))); // two days, 300 queues
        }
        assertThat(codec.fallbackSplitter().split(batch)).containsExactly(batch);
        assertThat(codec.fallbackSplitter().split(List.of())).isEmpty();
    }

    @Test
    void splitsABatchOfMoreThanAHundredDaysByDayWhateverTheTableSays() {
        List<QueueObservationRecord> batch = new ArrayList<>();
        for (int day = 0; day < 150; day++) {
            batch.add(at(Observations.waiting("q-1", day), Duration.ofDays(day)));
            batch.add(at(Observations.onQueue("q-2", "IDLE", day), Duration.ofDays(day).plusHours(23)));
        }

        List<List<QueueObservationRecord>> chunks = codec.splitterFor("CREATE TABLE x (…) ENGINE = ReplacingMergeTree "
                + "PARTITION BY toYYYYMM(observed_at) ORDER BY (queue_id)").split(batch);

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).hasSize(200).isEqualTo(batch.subList(0, 200));
        assertThat(chunks.get(1)).isEqualTo(batch.subList(200, 300));
    }

    @Test
    void rendersWithTheObservationsEncoderForTheObservationsTable() {
        assertThat(codec.valuesEncoder("a.t")).isInstanceOf(ObservationValuesEncoder.class);
        assertThat(codec.table()).isSameAs(QueueObservationsTable.DEFINITION);
        assertThat(IntervalCodec.INSTANCE.splitterFor("PARTITION BY toYYYYMM(event_time) ORDER BY (x)"))
                .isInstanceOf(PartitionKeySplitter.class);
    }

    private static QueueObservationRecord at(QueueObservationRecord r, Duration after) {
        return QueueObservationRecord.of(r.queueId(), r.queueName(), r.mediaType(), r.metric(), r.qualifier(), r.count(),
                r.calculatedValue(), Instant.parse("2026-01-01T00:00:00Z").plus(after));
    }
}
