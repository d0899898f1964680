package org.queueanalytics.consumer.clickhouse.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import org.queueanalytics.consumer.clickhouse.testing.Records;

class ValuesEncoderTest {
    private final ValuesEncoder encoder = new ValuesEncoder("analytics.queue_analytics");

    @Test
    void rendersOneInsertStatementWithEveryColumnInTableOrder() {
        String sql = text(encoder.encode(List.of(Records.example())));

        assertThat(sql).isEqualTo("INSERT INTO analytics.queue_analytics (event_time, queue_id, queue_name, media_type, "
                + "interval_start, interval_end, granularity, offered, answered, abandoned, service_level_pct, "
                + "short_abandoned, flow_outs, over_sla, sl_numerator, sl_denominator, sl_target, answer_time_ms, "
                + "wait_time_ms, talk_time_ms, hold_time_ms, acw_time_ms, handle_time_ms, handle_count, transferred, "
                + "abandon_time_ms, max_wait_time_ms, talk_count, hold_count, acw_count, alert_time_ms, alert_count, "
                + "not_responding_time_ms, not_responding_count, connected, acd_time_ms, acd_count, consults, "
                + "consult_transferred, blind_transferred, outbound, errors, voicemail_time_ms, voicemail_count, "
                + "service_target, fetched_at) VALUES "
                + "('2025-01-27 08:00:00','05f1c285-queue','Customer Service','voice','2025-01-27 08:00:00',"
                + "'2025-01-27 08:30:00','PT30M',42,38,3,78.049999999999997,1,1,6,32,41,0.80000000000000004,456000,820200,7560000,151584,560000,"
                + "8271584,35,2,150200,214000,35,4,35,98000,40,30000,2,36,456000,38,3,1,1,5,1,61000,2,0.80000000000000004,"
                + "1737966912345)");
    }

    @Test
    void rendersAMissingServiceLevelAsNullNotZero() {
        QueueIntervalRecord onlyHandleTimes = Records.example().toBuilder().offered(0).answered(0).abandoned(0)
                .serviceLevelPct(null).slTarget(null).serviceTarget(null).build();

        String sql = text(encoder.encode(List.of(onlyHandleTimes)));

        assertThat(sql).contains("'PT30M',0,0,0,NULL,1,1,6,32,41,NULL,456000,", ",61000,2,NULL,1737966912345)");
    }

    @Test
    void writesAsManyValuesPerRowAsTheTableHasColumns() {
        String sql = text(encoder.encode(List.of(Records.example())));
        String row = sql.substring(sql.indexOf("VALUES (") + 8, sql.length() - 1);
        assertThat(row.split(",")).hasSameSizeAs(QueueAnalyticsTable.COLUMNS);
    }

    @Test
    void separatesRowsWithCommas() {
        QueueIntervalRecord a = Records.example();
        QueueIntervalRecord b = Records.record("q2", "Sales", "chat", Instant.parse("2025-01-28T23:30:00Z"), Records.FETCHED);
        String sql = text(encoder.encode(List.of(a, b, a)));
        assertThat(sql).contains(",0.80000000000000004,1737966912345),('2025-01-28 23:30:00','q2','Sales','chat',")
                .endsWith("1737966912345)");
        assertThat(sql.split("\\),\\(")).hasSize(3);
    }

    @Test
    void escapesAdversarialStrings() {
        QueueIntervalRecord r = Records.record("id'); DROP TABLE x; --", "a\\b\nc\t\0🙂", "voice", Records.START, Records.FETCHED);
        String sql = text(encoder.encode(List.of(r)));
        assertThat(sql).contains("'id\\'); DROP TABLE x; --','a\\\\b\\nc\\t\\0🙂','voice'");
    }

    @Test
    void reusesItsBufferAndForgetsThePreviousBatch() {
        ByteSink first = encoder.encode(List.of(Records.example(), Records.example()));
        int twoRows = first.length();
        ByteSink second = encoder.encode(List.of(Records.example()));
        assertThat(second).isSameAs(first);
        assertThat(second.length()).isLessThan(twoRows);
        assertThat(text(second)).endsWith("1737966912345)").doesNotContain("),(");
    }

    @Test
    void rendersLargeBatches() {
        List<QueueIntervalRecord> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(Records.record("queue-" + i, "Queue ✓ " + i, "voice", Records.START.plusSeconds(1800L * (i % 48)), Records.FETCHED));
        }
        String sql = text(encoder.encode(rows));
        assertThat(sql.split("\\),\\(")).hasSize(50_000);
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThatThrownBy(() -> encoder.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMissingFieldsNamingThem() {
        QueueIntervalRecord noName = Records.record("q", null, "voice", Records.START, Records.FETCHED);
        assertThatThrownBy(() -> encoder.encode(List.of(noName))).hasMessageContaining("queue_name");
        QueueIntervalRecord noFetch = Records.record("q", "n", "voice", Records.START, null);
        assertThatThrownBy(() -> encoder.encode(List.of(noFetch))).hasMessageContaining("fetched_at");
    }

    private static String text(ByteSink sink) {
        return new String(sink.array(), 0, sink.length(), StandardCharsets.UTF_8);
    }
}
