package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    /** A record as the producer writes it today: every metric, including those added later to schema version 1. */
    static final String DESIGN_EXAMPLE = """
            {"schema_version":1,"queue_id":"05f1c285-6777-4ccc-806f-8db085ae0793","queue_name":"Customer Service","media_type":"voice",
             "interval_start":"2025-01-27T08:00:00Z","interval_end":"2025-01-27T08:30:00Z","granularity":"PT30M",
             "fetched_at":"2025-01-27T08:35:12.345Z",
             "offered":42,"answered":38,"abandoned":3,"service_level_pct":78.05,
             "short_abandoned":1,"flow_outs":1,"over_sla":6,"sl_numerator":32,"sl_denominator":41,"sl_target":0.8,
             "answer_time_ms":456000,"wait_time_ms":820200,"talk_time_ms":7560000,"hold_time_ms":151584,
             "acw_time_ms":560000,"handle_time_ms":8271584,"handle_count":35,"transferred":2,
             "abandon_time_ms":150200,"max_wait_time_ms":214000,"talk_count":35,"hold_count":4,"acw_count":35,
             "alert_time_ms":98000,"alert_count":40,"not_responding_time_ms":30000,"not_responding_count":2,
             "connected":36,"acd_time_ms":456000,"acd_count":38,"consults":3,"consult_transferred":1,
             "blind_transferred":1,"outbound":0,"errors":0,"voicemail_time_ms":0,"voicemail_count":0,"service_target":0.8}
            """;

    /** The same record as producers wrote it before the later metrics existed: they must still read. */
    static final String BEFORE_NEW_METRICS = """
            {"schema_version":1,"queue_id":"05f1c285-6777-4ccc-806f-8db085ae0793","queue_name":"Customer Service","media_type":"voice",
             "interval_start":"2025-01-27T08:00:00Z","interval_end":"2025-01-27T08:30:00Z","granularity":"PT30M",
             "fetched_at":"2025-01-27T08:35:12.345Z",
             "offered":42,"answered":38,"abandoned":3,"service_level_pct":78.05,
             "short_abandoned":1,"flow_outs":1,"over_sla":6,"sl_numerator":32,"sl_denominator":41,"sl_target":0.8,
             "answer_time_ms":456000,"wait_time_ms":820200,"talk_time_ms":7560000,"hold_time_ms":151584,
             "acw_time_ms":560000,"handle_time_ms":8271584,"handle_count":35,"transferred":2}
            """;

    static QueueIntervalRecord example() {
        return beforeNewMetrics().toBuilder()
                .abandonTimeMs(150200).maxWaitTimeMs(214000).talkCount(35).holdCount(4).acwCount(35)
                .alertTimeMs(98000).alertCount(40).notRespondingTimeMs(30000).notRespondingCount(2)
                .connected(36).acdTimeMs(456000).acdCount(38).consults(3).consultTransferred(1)
                .blindTransferred(1).serviceTarget(0.8)
                .build();
    }

    static QueueIntervalRecord beforeNewMetrics() {
        return QueueIntervalRecord.builder()
                .queueId("05f1c285-6777-4ccc-806f-8db085ae0793").queueName("Customer Service").mediaType("voice")
                .intervalStart(Instant.parse("2025-01-27T08:00:00Z")).intervalEnd(Instant.parse("2025-01-27T08:30:00Z"))
                .granularity("PT30M").fetchedAt(Instant.parse("2025-01-27T08:35:12.345Z"))
                .offered(42).answered(38).abandoned(3).serviceLevelPct(78.05)
                .shortAbandoned(1).flowOuts(1).overSla(6).slNumerator(32).slDenominator(41).slTarget(0.8)
                .answerTimeMs(456000).waitTimeMs(820200).talkTimeMs(7560000).holdTimeMs(151584)
                .acwTimeMs(560000).handleTimeMs(8271584).handleCount(35).transferred(2)
                .build();
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

    @Test
    void readsARecordWrittenBeforeTheLaterMetricsWithThoseAsZeroAndNoServiceTarget() throws Exception {
        QueueIntervalRecord old = RecordJson.fromBytes(BEFORE_NEW_METRICS.getBytes(StandardCharsets.UTF_8));

        assertThat(old).isEqualTo(beforeNewMetrics());
        assertThat(old.connected()).isZero();
        assertThat(old.serviceTarget()).isNull();
    }

    @Test
    void writesAndReadsAMissingServiceLevelAsNullNeverZero() throws Exception {
        QueueIntervalRecord onlyHandleTimes = example().toBuilder().offered(0).answered(0).abandoned(0)
                .serviceLevelPct(null).slTarget(null).slNumerator(0).slDenominator(0).build();

        String json = RecordJson.toJson(onlyHandleTimes);

        assertThat(json).contains("\"service_level_pct\":null", "\"sl_target\":null");
        assertThat(RecordJson.fromBytes(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(onlyHandleTimes);
        assertThat(RecordJson.fromBytes(DESIGN_EXAMPLE.replace("78.05", "null").getBytes(StandardCharsets.UTF_8))
                .serviceLevelPct()).isNull();
    }

    @Test
    void refusesNullWhereTheContractHasNoNull() throws Exception {
        assertInvalid(DESIGN_EXAMPLE.replace("\"handle_count\":35", "\"handle_count\":null"), "handle_count");
        assertInvalid(DESIGN_EXAMPLE.replace("\"Customer Service\"", "null"), "queue_name");
        assertInvalid(DESIGN_EXAMPLE.replace("\"2025-01-27T08:30:00Z\"", "null"), "interval_end");
        assertInvalid(DESIGN_EXAMPLE.replace("\"service_level_pct\":78.05,", ""), "service_level_pct");
        // a metric added later may be absent (older records) or null: both read as 0
        assertThat(RecordJson.fromBytes(DESIGN_EXAMPLE.replace("\"connected\":36", "\"connected\":null")
                .getBytes(StandardCharsets.UTF_8)).connected()).isZero();
    }

    @Test
    void refusesInstantsWrittenAsNumbersOrNumericStringsNamingTheField() {
        for (String number : new String[] {"1e400", "1737966912", "1737966912345", "1737966912.5", "\"1737966912\""}) {
            assertInvalid(DESIGN_EXAMPLE.replace("\"2025-01-27T08:35:12.345Z\"", number), "field fetched_at");
            assertInvalid(DESIGN_EXAMPLE.replace("\"2025-01-27T08:00:00Z\"", number), "field interval_start");
            assertInvalid(DESIGN_EXAMPLE.replace("\"2025-01-27T08:30:00Z\"", number), "field interval_end");
        }
        assertInvalid(DESIGN_EXAMPLE.replace("\"2025-01-27T08:35:12.345Z\"", "1e400"), "ISO-8601 string");
    }

    @Test
    void stillReadsIsoInstantStringsAsBefore() throws Exception {
        QueueIntervalRecord r = RecordJson.fromBytes(DESIGN_EXAMPLE.replace("\"2025-01-27T08:00:00Z\"",
                "\"2025-01-27T08:00:00.000Z\"").getBytes(StandardCharsets.UTF_8));
        assertThat(r.intervalStart()).isEqualTo(Instant.parse("2025-01-27T08:00:00Z"));
    }

    @Test
    void aRecordOfAnotherSchemaVersionIsRefusedAsSuchBeforeItsFieldsAreReadAsThisVersion() {
        String future = DESIGN_EXAMPLE.replace("\"schema_version\":1", "\"schema_version\":2")
                .replace("\"offered\":42", "\"offered\":{\"voice\":42}");
        assertThatThrownBy(() -> RecordJson.fromBytes(future.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(UnsupportedSchemaVersionException.class, e -> assertThat(e.version()).isEqualTo(2))
                .hasMessageContaining("schema_version 2");
        String canonicalFuture = DESIGN_EXAMPLE.replace("\"schema_version\":1", "\"schema_version\":2");
        assertThatThrownBy(() -> RecordJson.fromBytes(canonicalFuture.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedSchemaVersionException.class);
        assertThatThrownBy(() -> RecordJson.fromBytes(DESIGN_EXAMPLE.replace("\"schema_version\":1", "\"schema_version\":0")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(UnsupportedSchemaVersionException.class);
    }

    @Test
    void aRecordWithoutAnIntegerSchemaVersionIsInvalidJsonNotAnotherVersion() {
        assertThatThrownBy(() -> RecordJson.fromBytes(DESIGN_EXAMPLE.replace("\"schema_version\":1,", "")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRecordException.class)
                .isNotInstanceOf(UnsupportedSchemaVersionException.class)
                .hasMessageContaining("schema_version");
    }

    private static void assertInvalid(String json, String expectedInMessage) {
        assertThatThrownBy(() -> RecordJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(expectedInMessage);
    }
}
