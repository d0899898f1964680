package org.queueanalytics.consumer.clickhouse.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import org.queueanalytics.consumer.clickhouse.testing.Observations;

class ObservationValuesEncoderTest {
    private final ObservationValuesEncoder encoder = new ObservationValuesEncoder("analytics.queue_observations");

    @Test
    void rendersOneInsertWithEveryColumnInTableOrderTheSecondAndTheMillisecondOfTheObservation() {
        String sql = text(encoder.encode(List.of(Observations.longestWaiting("q-1", 3, 1796434200123L),
                Observations.onQueue("q-1", "IDLE", 4))));

        assertThat(sql).isEqualTo("INSERT INTO analytics.queue_observations (observed_at, observed_at_ms, queue_id, queue_name, "
                + "media_type, metric, qualifier, count, calculated_value) VALUES "
                + "('2026-12-05 07:40:15',1796456415123,'q-1','Queue q-1','voice','oLongestWaiting','',3,1796434200123),"
                + "('2026-12-05 07:40:15',1796456415123,'q-1','Queue q-1','','oOnQueueUsers','IDLE',4,NULL)");
        assertThat(QueueObservationsTable.columnList().split(",")).hasSize(QueueObservationsTable.COLUMNS.size());
    }

    @Test
    void escapesTextsAsTheIntervalEncoderDoesAndRendersAnAbsentCalculatedValueAsNull() {
        QueueObservationRecord r = QueueObservationRecord.of("q'2", "O'Brien\\ \"Sales\"\n", "chat", "oWaiting", "", 0, null,
                Instant.parse("1999-12-31T23:59:59.999Z"));

        String sql = text(encoder.encode(List.of(r)));

        assertThat(sql).endsWith(" VALUES ('1999-12-31 23:59:59',946684799999,'q\\'2','O\\'Brien\\\\ \"Sales\"\\n','chat',"
                + "'oWaiting','',0,NULL)");
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThatThrownBy(() -> encoder.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(ByteSink sink) {
        return new String(sink.array(), 0, sink.length(), StandardCharsets.UTF_8);
    }
}
