package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationJsonTest {
    private static final Instant AT = Instant.parse("2026-12-05T07:40:15.123Z");

    @Test
    void writesTheDocumentedShapeAndReadsItBack() throws Exception {
        QueueObservationRecord longest = QueueObservationRecord.of("q-1", "Sales", "voice", "oLongestWaiting", "", 3,
                1_796_434_200_123L, AT);
        String json = new String(ObservationJson.toBytes(longest), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"schema_version\":1,\"queue_id\":\"q-1\",\"queue_name\":\"Sales\",\"media_type\":\"voice\","
                + "\"metric\":\"oLongestWaiting\",\"qualifier\":\"\",\"count\":3,\"calculated_value\":1796434200123,"
                + "\"observed_at\":\"2026-12-05T07:40:15.123Z\"}");
        assertThat(ObservationJson.fromBytes(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(longest);

        QueueObservationRecord users = QueueObservationRecord.of("q-1", "Sales", "", "oOnQueueUsers", "IDLE", 4, null, AT);
        assertThat(ObservationJson.fromBytes(ObservationJson.toBytes(users))).isEqualTo(users);
    }

    @Test
    void refusesWhatWouldCorruptTheTableNamingTheField() {
        assertThatThrownBy(() -> read("{\"schema_version\":1,\"queue_id\":\"q\",\"queue_name\":\"n\",\"media_type\":\"voice\","
                + "\"metric\":\"oWaiting\",\"qualifier\":\"\",\"count\":-1,\"calculated_value\":null,\"observed_at\":\"2026-12-05T07:40:15Z\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("count must not be negative");
        assertThatThrownBy(() -> read("{\"schema_version\":1,\"queue_id\":\"q\",\"queue_name\":\"n\",\"media_type\":\"voice\","
                + "\"metric\":\"oWaiting\",\"qualifier\":\"\",\"count\":1.5,\"calculated_value\":null,\"observed_at\":\"2026-12-05T07:40:15Z\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> read("{\"schema_version\":1,\"queue_id\":\"q\",\"queue_name\":\"n\",\"media_type\":\"voice\","
                + "\"metric\":\"oWaiting\",\"qualifier\":\"\",\"count\":1,\"calculated_value\":null}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("observed_at");
        assertThatThrownBy(() -> read("{\"schema_version\":2,\"queue_id\":\"q\"}"))
                .isInstanceOf(UnsupportedSchemaVersionException.class);
        assertThatThrownBy(() -> ObservationJson.fromBytes(null)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("tombstone");
    }

    private static QueueObservationRecord read(String json) throws InvalidRecordException {
        return ObservationJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }
}
