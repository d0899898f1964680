package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;

class AggregatesResponseMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "05f1c285-6777-4ccc-806f-8db085ae0793";
    private static final Instant FETCHED = Instant.parse("2025-01-27T08:35:12.345Z");

    /** The response of reference/genesys-cloud-api.md, verbatim. */
    static final String REFERENCE_RESPONSE = """
            {"results": [
              {"group": {"mediaType": "voice", "queueId": "05f1c285-6777-4ccc-806f-8db085ae0793"},
               "data": [
                 {"interval": "2025-01-27T08:00:00.000Z/2025-01-27T08:30:00.000Z",
                  "metrics": [
                    {"metric": "nOffered",      "stats": {"count": 42}},
                    {"metric": "tAnswered",     "stats": {"max": 61000, "min": 2300, "count": 38, "sum": 456000}},
                    {"metric": "tAbandon",      "stats": {"max": 95000, "min": 4100, "count": 3, "sum": 150200}},
                    {"metric": "tShortAbandon", "stats": {"max": 4100, "min": 4100, "count": 1, "sum": 4100}},
                    {"metric": "tFlowOut",      "stats": {"max": 214000, "min": 214000, "count": 1, "sum": 214000}},
                    {"metric": "nOverSla",      "stats": {"count": 6}},
                    {"metric": "oServiceLevel", "stats": {"ratio": 0.7804878048780488, "numerator": 32, "denominator": 41, "target": 0.8}},
                    {"metric": "tWait",         "stats": {"max": 214000, "min": 2300, "count": 42, "sum": 820200}},
                    {"metric": "tTalkComplete", "stats": {"max": 1036889, "min": 1750, "count": 35, "sum": 7560000}},
                    {"metric": "tHeldComplete", "stats": {"max": 90000, "min": 1584, "count": 4, "sum": 151584}},
                    {"metric": "tAcw",          "stats": {"max": 65223, "min": 1018, "count": 35, "sum": 560000}},
                    {"metric": "tHandle",       "stats": {"max": 1103802, "min": 5211, "count": 35, "sum": 8271584}},
                    {"metric": "nTransferred",  "stats": {"count": 2}}]},
                 {"interval": "2025-01-27T09:00:00.000Z/2025-01-27T09:30:00.000Z",
                  "metrics": [
                    {"metric": "nOffered",      "stats": {"count": 5}},
                    {"metric": "tAnswered",     "stats": {"max": 9000, "min": 3000, "count": 5, "sum": 27000}},
                    {"metric": "oServiceLevel", "stats": {"ratio": 1.0, "numerator": 5, "denominator": 5, "target": 0.8}}]}]}]}
            """;

    /** The documented example record, with the fields added later that this answer fills (queue id completed). */
    static final String DESIGN_RECORD = """
            {"schema_version":1,"queue_id":"05f1c285-6777-4ccc-806f-8db085ae0793","queue_name":"Customer Service","media_type":"voice",
             "interval_start":"2025-01-27T08:00:00Z","interval_end":"2025-01-27T08:30:00Z","granularity":"PT30M",
             "fetched_at":"2025-01-27T08:35:12.345Z",
             "offered":42,"answered":38,"abandoned":3,"service_level_pct":78.05,
             "short_abandoned":1,"flow_outs":1,"over_sla":6,"sl_numerator":32,"sl_denominator":41,"sl_target":0.8,
             "answer_time_ms":456000,"wait_time_ms":820200,"talk_time_ms":7560000,"hold_time_ms":151584,
             "acw_time_ms":560000,"handle_time_ms":8271584,"handle_count":35,"transferred":2,
             "abandon_time_ms":150200,"max_wait_time_ms":214000,"talk_count":35,"hold_count":4,"acw_count":35,
             "alert_time_ms":0,"alert_count":0,"not_responding_time_ms":0,"not_responding_count":0,"connected":0,
             "acd_time_ms":0,"acd_count":0,"consults":0,"consult_transferred":0,"blind_transferred":0,"outbound":0,
             "errors":0,"voicemail_time_ms":0,"voicemail_count":0,"service_target":null}
            """;

    private final AggregatesResponseMapper mapper =
            new AggregatesResponseMapper(Map.of(QUEUE, "Customer Service")::get, "PT30M");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void mapsTheReferenceResponseToDesignsExampleRecordExactly() throws Exception {
        List<QueueIntervalRecord> records = mapper.map(json(REFERENCE_RESPONSE), FETCHED);

        assertThat(records.get(0)).isEqualTo(RecordJson.fromBytes(DESIGN_RECORD.getBytes()));
        assertThat(json(RecordJson.toJson(records.get(0)))).isEqualTo(json(DESIGN_RECORD));
    }

    @Test
    void aSparseBucketHasZerosForItsAbsentMetrics() throws Exception {
        QueueIntervalRecord second = mapper.map(json(REFERENCE_RESPONSE), FETCHED).get(1);

        assertThat(second.intervalStart()).isEqualTo(Instant.parse("2025-01-27T09:00:00Z"));
        assertThat(second.intervalEnd()).isEqualTo(Instant.parse("2025-01-27T09:30:00Z"));
        assertThat(second.offered()).isEqualTo(5);
        assertThat(second.answered()).isEqualTo(5);
        assertThat(second.answerTimeMs()).isEqualTo(27000);
        assertThat(second.serviceLevelPct()).isEqualTo(100.0);
        assertThat(second.slNumerator()).isEqualTo(5);
        assertThat(second.abandoned()).isZero();
        assertThat(second.shortAbandoned()).isZero();
        assertThat(second.flowOuts()).isZero();
        assertThat(second.overSla()).isZero();
        assertThat(second.waitTimeMs()).isZero();
        assertThat(second.talkTimeMs()).isZero();
        assertThat(second.holdTimeMs()).isZero();
        assertThat(second.acwTimeMs()).isZero();
        assertThat(second.handleTimeMs()).isZero();
        assertThat(second.handleCount()).isZero();
        assertThat(second.transferred()).isZero();
    }

    @Test
    void anAbsentBucketProducesNoRecord() throws Exception {
        // the reference answer has no 08:30 bucket: two records, not three
        assertThat(mapper.map(json(REFERENCE_RESPONSE), FETCHED))
                .extracting(QueueIntervalRecord::intervalStart)
                .containsExactly(Instant.parse("2025-01-27T08:00:00Z"), Instant.parse("2025-01-27T09:00:00Z"));
    }

    @Test
    void withoutServiceLevelTheServiceLevelIsNullNotZero() throws Exception {
        String answer = """
                {"results":[{"group":{"queueId":"q1","mediaType":"chat"},
                  "data":[{"interval":"2025-01-27T08:00:00.000Z/2025-01-27T08:30:00.000Z",
                           "metrics":[{"metric":"nOffered","stats":{"count":1}}]}]}]}""";

        QueueIntervalRecord record = mapper.map(json(answer), FETCHED).get(0);

        assertThat(record.serviceLevelPct()).isNull();
        assertThat(record.slTarget()).isNull();
        assertThat(record.slNumerator()).isZero();
        assertThat(record.slDenominator()).isZero();
        assertThat(RecordJson.toJson(record)).contains("\"service_level_pct\":null", "\"sl_target\":null");
    }

    /**
     * Genesys counts each metric at its own event: a call offered at 07:28 and answered at 07:32
     * is offered in 07:00 and answered in 07:30; a two-hour call's talk time lands in the interval
     * where it ends. Each bucket maps on its own, whatever it holds.
     */
    @Test
    void mapsBucketsCountedAtEachMetricsOwnEventTime() throws Exception {
        String answer = """
                {"results":[{"group":{"queueId":"q1","mediaType":"voice"},"data":[
                  {"interval":"2025-01-27T07:00:00.000Z/2025-01-27T07:30:00.000Z",
                   "metrics":[{"metric":"nOffered","stats":{"count":1}},
                              {"metric":"oServiceTarget","stats":{"target":0.8}}]},
                  {"interval":"2025-01-27T07:30:00.000Z/2025-01-27T08:00:00.000Z",
                   "metrics":[{"metric":"tAnswered","stats":{"max":240000,"min":4000,"count":3,"sum":250000}},
                              {"metric":"nOverSla","stats":{"count":1}},
                              {"metric":"tWait","stats":{"max":240000,"min":4000,"count":3,"sum":250000}},
                              {"metric":"oServiceLevel","stats":{"ratio":0.6666666666666666,"numerator":2,"denominator":3,"target":0.8}}]},
                  {"interval":"2025-01-27T09:00:00.000Z/2025-01-27T09:30:00.000Z",
                   "metrics":[{"metric":"tTalkComplete","stats":{"max":7200000,"min":7200000,"count":1,"sum":7200000}},
                              {"metric":"tAcw","stats":{"max":60000,"min":60000,"count":1,"sum":60000}},
                              {"metric":"tHandle","stats":{"max":7260000,"min":7260000,"count":1,"sum":7260000}}]}]}]}""";

        List<QueueIntervalRecord> records = mapper.map(json(answer), FETCHED);

        assertThat(records).hasSize(3);
        QueueIntervalRecord offeredOnly = records.get(0);
        assertThat(offeredOnly.offered()).isEqualTo(1);
        assertThat(offeredOnly.answered()).isZero();
        assertThat(offeredOnly.serviceLevelPct()).isNull();
        assertThat(offeredOnly.serviceTarget()).isEqualTo(0.8);
        QueueIntervalRecord answeredAboveOffered = records.get(1);
        assertThat(answeredAboveOffered.offered()).isZero();
        assertThat(answeredAboveOffered.answered()).isEqualTo(3);
        assertThat(answeredAboveOffered.serviceLevelPct()).isEqualTo(66.67);
        assertThat(answeredAboveOffered.maxWaitTimeMs()).isEqualTo(240000);
        QueueIntervalRecord endOfALongCall = records.get(2);
        assertThat(endOfALongCall.offered()).isZero();
        assertThat(endOfALongCall.serviceLevelPct()).isNull();
        assertThat(endOfALongCall.slTarget()).isNull();
        assertThat(endOfALongCall.talkTimeMs()).isEqualTo(7200000);
        assertThat(endOfALongCall.talkCount()).isEqualTo(1);
        assertThat(endOfALongCall.handleTimeMs()).isEqualTo(7260000);
        assertThat(endOfALongCall.handleCount()).isEqualTo(1);
    }

    @Test
    void mapsEveryRequestedMetricToItsField() throws Exception {
        String answer = """
                {"results":[{"group":{"queueId":"q1","mediaType":"email"},"data":[
                  {"interval":"2025-01-27T08:00:00.000Z/2025-01-27T08:30:00.000Z","metrics":[
                    {"metric":"nOffered","stats":{"count":11}},
                    {"metric":"tAnswered","stats":{"max":9,"min":1,"count":12,"sum":13}},
                    {"metric":"tAbandon","stats":{"max":9,"min":1,"count":14,"sum":15}},
                    {"metric":"tShortAbandon","stats":{"max":9,"min":1,"count":16,"sum":17}},
                    {"metric":"tFlowOut","stats":{"max":9,"min":1,"count":18,"sum":19}},
                    {"metric":"nOverSla","stats":{"count":20}},
                    {"metric":"oServiceLevel","stats":{"ratio":0.25,"numerator":21,"denominator":84,"target":0.9}},
                    {"metric":"tWait","stats":{"max":22,"min":1,"count":23,"sum":24}},
                    {"metric":"tTalkComplete","stats":{"max":9,"min":1,"count":25,"sum":26}},
                    {"metric":"tHeldComplete","stats":{"max":9,"min":1,"count":27,"sum":28}},
                    {"metric":"tAcw","stats":{"max":9,"min":1,"count":29,"sum":30}},
                    {"metric":"tHandle","stats":{"max":9,"min":1,"count":31,"sum":32}},
                    {"metric":"nTransferred","stats":{"count":33}},
                    {"metric":"tAlert","stats":{"max":9,"min":1,"count":34,"sum":35}},
                    {"metric":"tNotResponding","stats":{"max":9,"min":1,"count":36,"sum":37}},
                    {"metric":"nConnected","stats":{"count":38}},
                    {"metric":"tAcd","stats":{"max":9,"min":1,"count":39,"sum":40}},
                    {"metric":"nConsult","stats":{"count":41}},
                    {"metric":"nConsultTransferred","stats":{"count":42}},
                    {"metric":"nBlindTransferred","stats":{"count":43}},
                    {"metric":"nOutbound","stats":{"count":44}},
                    {"metric":"nError","stats":{"count":45}},
                    {"metric":"tVoicemail","stats":{"max":9,"min":1,"count":46,"sum":47}},
                    {"metric":"oServiceTarget","stats":{"target":0.85}}]}]}]}""";

        QueueIntervalRecord r = new AggregatesResponseMapper(id -> id, "PT30M").map(json(answer), FETCHED).get(0);

        assertThat(r).isEqualTo(QueueIntervalRecord.builder().queueId("q1").queueName("q1").mediaType("email")
                .intervalStart(Instant.parse("2025-01-27T08:00:00Z")).intervalEnd(Instant.parse("2025-01-27T08:30:00Z"))
                .granularity("PT30M").fetchedAt(FETCHED)
                .offered(11).answered(12).answerTimeMs(13).abandoned(14).abandonTimeMs(15).shortAbandoned(16).flowOuts(18)
                .overSla(20).serviceLevelPct(25.0).slNumerator(21).slDenominator(84).slTarget(0.9)
                .maxWaitTimeMs(22).waitTimeMs(24).talkCount(25).talkTimeMs(26).holdCount(27).holdTimeMs(28)
                .acwCount(29).acwTimeMs(30).handleCount(31).handleTimeMs(32).transferred(33).alertCount(34)
                .alertTimeMs(35).notRespondingCount(36).notRespondingTimeMs(37).connected(38).acdCount(39).acdTimeMs(40)
                .consults(41).consultTransferred(42).blindTransferred(43).outbound(44).errors(45).voicemailCount(46)
                .voicemailTimeMs(47).serviceTarget(0.85).build());
    }

    @Test
    void anUnknownQueueKeepsItsIdAsItsName() throws Exception {
        String answer = """
                {"results":[{"group":{"queueId":"deleted-queue","mediaType":"voice"},
                  "data":[{"interval":"2025-01-27T08:00:00.000Z/2025-01-27T08:30:00.000Z","metrics":[]}]}]}""";
        AggregatesResponseMapper byId = new AggregatesResponseMapper(id -> id, "PT30M");

        assertThat(byId.map(json(answer), FETCHED).get(0).queueName()).isEqualTo("deleted-queue");
    }

    @Test
    void emptyAnswersMapToNoRecords() throws Exception {
        assertThat(mapper.map(json("{}"), FETCHED)).isEmpty();
        assertThat(mapper.map(json("{\"results\":[]}"), FETCHED)).isEmpty();
        assertThat(mapper.map(json("{\"results\":[{\"group\":{\"queueId\":\"q\",\"mediaType\":\"voice\"}}]}"), FETCHED)).isEmpty();
    }

    @Test
    void parsesBothHalvesOfTheIntervalExactly() throws Exception {
        String answer = """
                {"results":[{"group":{"queueId":"q1","mediaType":"voice"},
                  "data":[{"interval":"2025-01-27T23:45:00.000Z/2025-01-28T00:00:00.000Z","metrics":[]},
                          {"interval":"2025-01-28T00:00:00Z/2025-01-28T00:15:00Z","metrics":[]}]}]}""";

        List<QueueIntervalRecord> records = mapper.map(json(answer), FETCHED);

        assertThat(records.get(0).intervalStart()).isEqualTo(Instant.parse("2025-01-27T23:45:00Z"));
        assertThat(records.get(0).intervalEnd()).isEqualTo(Instant.parse("2025-01-28T00:00:00Z"));
        assertThat(records.get(1).intervalStart()).isEqualTo(Instant.parse("2025-01-28T00:00:00Z"));
        assertThat(records.get(1).intervalEnd()).isEqualTo(Instant.parse("2025-01-28T00:15:00Z"));
    }

    @Test
    void aMalformedIntervalIsAResponseError() {
        String answer = """
                {"results":[{"group":{"queueId":"q1","mediaType":"voice"},
                  "data":[{"interval":"2025-01-27T08:00:00.000Z","metrics":[]}]}]}""";

        assertThatThrownBy(() -> mapper.map(json(answer), FETCHED))
                .isInstanceOf(GenesysResponseException.class)
                .hasMessageContaining("q1");
    }

    @Test
    void fetchedAtIsTheFetchTimeAtMillisecondPrecision() throws Exception {
        Instant fetched = Instant.parse("2025-01-27T08:35:12.345678901Z");

        QueueIntervalRecord record = mapper.map(json(REFERENCE_RESPONSE), fetched).get(0);

        assertThat(record.fetchedAt()).isEqualTo(Instant.parse("2025-01-27T08:35:12.345Z"));
    }

    @Test
    void serviceLevelIsAPercentageRoundedToTwoDecimals() {
        assertThat(AggregatesResponseMapper.percent(0.7804878048780488)).isEqualTo(78.05);
        assertThat(AggregatesResponseMapper.percent(1.0)).isEqualTo(100.0);
        assertThat(AggregatesResponseMapper.percent(0.0)).isEqualTo(0.0);
    }

    @Test
    void aGroupWithoutQueueIdOrMediaTypeIsSkippedAndReportedWhileTheOtherGroupsAreMapped() throws Exception {
        List<SkipReason> skipped = new java.util.ArrayList<>();
        AggregatesResponseMapper reporting = new AggregatesResponseMapper(id -> id, "PT30M", new GroupSkipListener() {
            @Override
            public void groupSkipped(SkipReason reason) {
                skipped.add(reason);
            }
        });
        String bucket = "[{\"interval\":\"2025-01-27T08:00:00.000Z/2025-01-27T08:30:00.000Z\","
                + "\"metrics\":[{\"metric\":\"nOffered\",\"stats\":{\"count\":1}}]}]";
        String answer = "{\"results\":["
                + "{\"group\":{\"mediaType\":\"voice\"},\"data\":" + bucket + "},"
                + "{\"group\":{\"queueId\":\"q1\"},\"data\":" + bucket + "},"
                + "{\"group\":{\"queueId\":\"q2\",\"mediaType\":null},\"data\":" + bucket + "},"
                + "{\"data\":" + bucket + "},"
                + "{\"group\":{\"queueId\":\"q3\",\"mediaType\":\"chat\"},\"data\":" + bucket + "}]}";

        List<QueueIntervalRecord> records = reporting.map(json(answer), FETCHED);

        assertThat(records).extracting(QueueIntervalRecord::queueId).containsExactly("q3");
        assertThat(skipped).containsExactly(SkipReason.MISSING_QUEUE_ID, SkipReason.MISSING_MEDIA_TYPE,
                SkipReason.MISSING_MEDIA_TYPE, SkipReason.MISSING_QUEUE_ID);
    }
}
