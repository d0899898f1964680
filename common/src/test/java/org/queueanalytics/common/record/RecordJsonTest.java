package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    /** The example record of DESIGN.md, verbatim. */
    static final String DESIGN_EXAMPLE = """
            {"schema_version":1,"queue_id":"05f1c285-6777-4ccc-806f-8db085ae0793","queue_name":"Customer Service","media_type":"voice",
             "interval_start":"2025-01-27T08:00:00Z","interval_end":"2025-01-27T08:30:00Z","granularity":"PT30M",
             "fetched_at":"2025-01-27T08:35:12.345Z",
             "offered":42,"answered":38,"abandoned":3,"service_level_pct":78.05,
             "short_abandoned":1,"flow_outs":1,"over_sla":6,"sl_numerator":32,"sl_denominator":41,"sl_target":0.8,
             "answer_time_ms":456000,"wait_time_ms":820200,"talk_time_ms":7560000,"hold_time_ms":151584,
             "acw_time_ms":560000,"handle_time_ms":8271584,"handle_count":35,"transferred":2}
            """;

    static QueueIntervalRecord example() {
        return new QueueIntervalRecord(1, "05f1c285-6777-4ccc-806f-8db085ae0793", "Customer Service", "voice",
                Instant.parse("2025-01-27T08:00:00Z"), Instant.parse("2025-01-27T08:30:00Z"), "PT30M",
                Instant.parse("2025-01-27T08:35:12.345Z"), 42, 38, 3, 78.05, 1, 1, 6, 32, 41, 0.8,
                456000, 820200, 7560000, 151584, 560000, 8271584, 35, 2);
    }

    @Test
    void readsTheDesignExample() throws Exception {
        assertThat(RecordJson.fromBytes(DESIGN_EXAMPLE.getBytes(StandardCharsets.UTF_8))).isEqualTo(example());
    }

    @Test
    void writesSnakeCaseFieldsAndIsoInstantsThatReadBackEqual() throws Exception {
        String json = RecordJson.toJson(example());

        assertThat(json).contains("\"queue_id\":\"05f1c285-6777-4ccc-806f-8db085ae0793\"",
                "\"interval_start\":\"2025-01-27T08:00:00Z\"", "\"fetched_at\":\"2025-01-27T08:35:12.345Z\"",
                "\"service_level_pct\":78.05", "\"sl_numerator\":32", "\"schema_version\":1");
        assertThat(RecordJson.fromBytes(RecordJson.toBytes(example()))).isEqualTo(example());
    }

    @Test
    void ignoresUnknownFieldsForForwardCompatibility() throws Exception {
        String withExtra = DESIGN_EXAMPLE.replace("{\"schema_version\":1,", "{\"schema_version\":1,\"new_metric\":{\"x\":1},");

        assertThat(RecordJson.fromBytes(withExtra.getBytes(StandardCharsets.UTF_8))).isEqualTo(example());
    }

    @Test
    void rejectsRecordsThatWouldOtherwiseBecomeSilentZeros() {
        assertInvalid(DESIGN_EXAMPLE.replace("\"offered\":42,", ""), "offered");
        assertInvalid(DESIGN_EXAMPLE.replace("\"offered\":42", "\"offered\":null"), "offered");
        assertInvalid(DESIGN_EXAMPLE.replace("\"offered\":42", "\"offered\":4.5"), "offered");
        assertInvalid(DESIGN_EXAMPLE.replace("\"offered\":42", "\"offered\":\"42\""), "offered");
        assertInvalid(DESIGN_EXAMPLE.replace("\"2025-01-27T08:00:00Z\"", "\"yesterday\""), "interval_start");
        assertInvalid("{not json", "not valid JSON");
        assertThatThrownBy(() -> RecordJson.fromBytes(null)).isInstanceOf(InvalidRecordException.class);
    }

    private static void assertInvalid(String json, String expectedInMessage) {
        assertThatThrownBy(() -> RecordJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(expectedInMessage);
    }
}
