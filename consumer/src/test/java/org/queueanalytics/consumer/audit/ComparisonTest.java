package org.queueanalytics.consumer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.schema.Column;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;

class ComparisonTest {
    private static final ColumnValues.Digest A = new ColumnValues.Digest(1, 2);
    private static final ColumnValues.Digest B = new ColumnValues.Digest(3, 4);

    private static TopicVersion storable(long fetchedAt, ColumnValues.Digest d) {
        return new TopicVersion(fetchedAt, d, TopicVersion.State.STORABLE, null, 0, 7);
    }

    static QueueIntervalRecord record() {
        Instant start = Instant.parse("2025-01-27T08:00:00Z");
        return QueueIntervalRecord.builder().queueId("q1").queueName("Støtte 'x'").mediaType("voice").intervalStart(start)
                .intervalEnd(start.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(Instant.parse("2025-01-27T08:35:12.345Z")).offered(42).answered(38).abandoned(3)
                .serviceLevelPct(78.05).slTarget(0.8).handleTimeMs(8_271_584).build();
    }

    /** The row ClickHouse answers for {@link #record()}: DateTime as seconds under an alias, UInt64 quoted. */
    static ObjectNode row(QueueIntervalRecord r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        List<String> values = ColumnValues.ofRecord(r);
        List<Column> cols = ColumnValues.compared();
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            String v = values.get(i);
            if (v.equals(ColumnValues.NULL)) {
                o.putNull(c.name());
            } else if (c.type().equals("String") || c.type().equals("UInt64")) {
                o.put(c.name(), v);
            } else if (c.type().contains("Float")) {
                o.put(c.name(), Double.parseDouble(v));
            } else {
                o.put(c.name(), Long.parseLong(v));
            }
        }
        return o;
    }

    @Test
    void aRowWithTheSameFetchedAtAndValuesIsMatched() {
        assertThat(Comparison.classify(storable(10, A), new TableVersion(10, A))).isEqualTo(Outcome.MATCHED);
    }

    @Test
    void noRowIsMissing() {
        assertThat(Comparison.classify(storable(10, A), null)).isEqualTo(Outcome.MISSING);
    }

    @Test
    void anOlderRowIsStaleWhateverItsValues() {
        assertThat(Comparison.classify(storable(10, A), new TableVersion(9, A))).isEqualTo(Outcome.STALE);
    }

    @Test
    void theSameFetchedAtWithOtherValuesDiffers() {
        assertThat(Comparison.classify(storable(10, A), new TableVersion(10, B))).isEqualTo(Outcome.DIFFERS);
    }

    @Test
    void aNewerRowThanEveryRecordReadIsMatchedBecauseALaterFetchSupersededIt() {
        assertThat(Comparison.classify(storable(10, A), new TableVersion(11, B))).isEqualTo(Outcome.MATCHED);
    }

    @Test
    void aDeadLetteredNewestRecordIsDeadLetteredEvenWithoutARow() {
        TopicVersion v = new TopicVersion(10, null, TopicVersion.State.DEAD_LETTERED, "invalid-record", 0, 7);
        assertThat(Comparison.classify(v, null)).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(Comparison.classify(v, new TableVersion(9, A))).isEqualTo(Outcome.DEAD_LETTERED);
    }

    @Test
    void anInvalidRecordThatTheDlqDoesNotHoldIsMissing() {
        TopicVersion v = new TopicVersion(10, null, TopicVersion.State.INVALID, "invalid-record: offered …", 0, 7);
        assertThat(Comparison.classify(v, null)).isEqualTo(Outcome.MISSING);
        assertThat(Outcome.MISSING.isLoss()).isTrue();
        assertThat(Outcome.DEAD_LETTERED.isLoss()).isFalse();
    }

    @Test
    void aLaterRecordWithTheSameFetchedAtSupersedesAnEarlierOneButAnOlderFetchDoesNot() {
        assertThat(storable(10, B).supersedes(storable(10, A))).isTrue();
        assertThat(storable(9, B).supersedes(storable(10, A))).isFalse();
        assertThat(storable(9, B).supersedes(null)).isTrue();
    }

    @Test
    void everyTableColumnButEventTimeIsARecordFieldOfTheSameName() {
        assertThat(ColumnValues.compared()).hasSize(QueueAnalyticsTable.COLUMNS.size() - 1)
                .extracting(Column::name).doesNotContain("fetched_at").contains("service_target", "queue_name");
        assertThat(ColumnValues.snakeCase("notRespondingTimeMs")).isEqualTo("not_responding_time_ms");
    }

    @Test
    void aRecordAndTheRowClickHouseStoresForItHaveTheSameDigest() {
        QueueIntervalRecord r = record();
        List<String> fromRecord = ColumnValues.ofRecord(r);
        assertThat(fromRecord.get(0)).isEqualTo(Long.toString(r.intervalStart().getEpochSecond()));
        assertThat(ColumnValues.ofRow(row(r))).isEqualTo(fromRecord);
        assertThat(ColumnValues.digest(ColumnValues.ofRow(row(r)))).isEqualTo(ColumnValues.digest(fromRecord));
    }

    @Test
    void aNullServiceLevelDiffersFromAZeroOne() {
        QueueIntervalRecord withNull = record().toBuilder().serviceLevelPct(null).build();
        QueueIntervalRecord withZero = record().toBuilder().serviceLevelPct(0.0).build();
        assertThat(ColumnValues.digest(ColumnValues.ofRecord(withNull)))
                .isNotEqualTo(ColumnValues.digest(ColumnValues.ofRecord(withZero)));
        assertThat(ColumnValues.ofRow(row(withNull))).isEqualTo(ColumnValues.ofRecord(withNull));
    }

    @Test
    void oneChangedCountChangesTheDigest() {
        assertThat(ColumnValues.digest(ColumnValues.ofRecord(record().toBuilder().offered(43).build())))
                .isNotEqualTo(ColumnValues.digest(ColumnValues.ofRecord(record())));
    }

    @Test
    void theTableQueryReadsOneQueueAndItsIntervalRangeThroughFinal() {
        String sql = TableVersions.sql("analytics.queue_analytics", "q'1", Instant.ofEpochSecond(100), Instant.ofEpochSecond(200));
        assertThat(sql).contains("FROM analytics.queue_analytics FINAL WHERE queue_id = 'q\\'1'")
                .contains("event_time >= toDateTime(100) AND event_time <= toDateTime(200)")
                .contains("toUnixTimestamp(interval_start) AS interval_start__s").endsWith("FORMAT JSONEachRow");
    }
}
