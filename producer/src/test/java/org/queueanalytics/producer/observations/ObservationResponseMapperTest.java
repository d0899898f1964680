package org.queueanalytics.producer.observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysResponseException;

class ObservationResponseMapperTest {
    private static final Instant ARRIVED = Instant.parse("2026-12-05T07:40:15.123456Z");
    private static final Instant OBSERVED = Instant.parse("2026-12-05T07:40:15.123Z");
    private static final Map<String, String> NAMES = Map.of("q1", "Sales");
    private final ObservationResponseMapper mapper = new ObservationResponseMapper(List.of("oWaiting", "oInteracting",
            "oLongestWaiting", "oOnQueueUsers", "oActiveUsers", "oMemberUsers"));

    private List<QueueObservationRecord> map(String json) throws Exception {
        return mapper.map(new ObjectMapper().readTree(json), id -> NAMES.getOrDefault(id, id), ARRIVED);
    }

    @Test
    void mapsTheContractsExampleOneRecordPerQueueMediaTypeMetricAndQualifier() throws Exception {
        List<QueueObservationRecord> records = map("""
                {"results": [ {"group": {"queueId": "q1", "mediaType": "voice"},
                               "data": [ {"metric": "oWaiting", "stats": {"count": 3}},
                                         {"metric": "oLongestWaiting", "stats": {"count": 3, "calculatedMetricValue": 1796434200123}} ]},
                              {"group": {"queueId": "q1"},
                               "data": [ {"metric": "oOnQueueUsers", "qualifier": "IDLE", "stats": {"count": 4}},
                                         {"metric": "oOnQueueUsers", "qualifier": "INTERACTING", "stats": {"count": 2}},
                                         {"metric": "oActiveUsers", "stats": {"count": 9}},
                                         {"metric": "oMemberUsers", "stats": {"count": 12}} ]} ]}
                """);

        assertThat(records).containsExactly(
                QueueObservationRecord.of("q1", "Sales", "voice", "oWaiting", "", 3, null, OBSERVED),
                QueueObservationRecord.of("q1", "Sales", "voice", "oLongestWaiting", "", 3, 1796434200123L, OBSERVED),
                QueueObservationRecord.of("q1", "Sales", "", "oOnQueueUsers", "IDLE", 4, null, OBSERVED),
                QueueObservationRecord.of("q1", "Sales", "", "oOnQueueUsers", "INTERACTING", 2, null, OBSERVED),
                QueueObservationRecord.of("q1", "Sales", "", "oActiveUsers", "", 9, null, OBSERVED),
                QueueObservationRecord.of("q1", "Sales", "", "oMemberUsers", "", 12, null, OBSERVED));
    }

    @Test
    void aMissingCountOrStatsIsZeroAnExplicitZeroIsKeptAndAnUnknownQueueIsNamedByItsId() throws Exception {
        List<QueueObservationRecord> records = map("""
                {"results": [ {"group": {"queueId": "q9", "mediaType": "chat"},
                               "data": [ {"metric": "oWaiting", "stats": {}},
                                         {"metric": "oInteracting"},
                                         {"metric": "oLongestWaiting", "stats": {"count": 0, "calculatedMetricValue": null}} ]} ]}
                """);

        assertThat(records).extracting(QueueObservationRecord::queueName).containsOnly("q9");
        assertThat(records).extracting(QueueObservationRecord::count).containsExactly(0L, 0L, 0L);
        assertThat(records).extracting(QueueObservationRecord::calculatedValue).containsOnlyNulls();
    }

    @Test
    void whatGenesysOmittedIsNotPublishedAndMetricsNotAskedForAreIgnored() throws Exception {
        assertThat(map("{}")).isEmpty();
        assertThat(map("{\"results\":[]}")).isEmpty();
        assertThat(map("{\"results\":[{\"group\":{\"queueId\":\"q1\"}}]}")).isEmpty();
        assertThat(map("""
                {"results":[{"group":{"queueId":"q1","mediaType":"voice"},
                             "data":[{"metric":"oFlow","stats":{"count":1}},{"metric":"oWaiting","stats":{"count":1}}]}]}
                """)).extracting(QueueObservationRecord::metric).containsExactly("oWaiting");
    }

    @Test
    void aWholeNumberWrittenAsADecimalIsAccepted() throws Exception {
        assertThat(map("""
                {"results":[{"group":{"queueId":"q1","mediaType":"voice"},
                             "data":[{"metric":"oLongestWaiting","stats":{"count":2.0,"calculatedMetricValue":1.7964342001E12}}]}]}
                """)).singleElement().satisfies(r -> {
                    assertThat(r.count()).isEqualTo(2);
                    assertThat(r.calculatedValue()).isEqualTo(1796434200100L);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"results\":[{\"group\":{\"mediaType\":\"voice\"},\"data\":[{\"metric\":\"oWaiting\",\"stats\":{\"count\":1}}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":7},\"data\":[]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"stats\":{\"count\":1}}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[\"oWaiting\"]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"metric\":\"oWaiting\",\"stats\":{\"count\":-1}}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"metric\":\"oWaiting\",\"stats\":{\"count\":1.5}}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"metric\":\"oWaiting\",\"stats\":{\"count\":\"3\"}}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"metric\":\"oWaiting\",\"stats\":[]}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"metric\":\"oWaiting\",\"qualifier\":1}]}]}",
            "{\"results\":[{\"group\":{\"queueId\":\"q1\"},\"data\":[{\"metric\":\"oLongestWaiting\",\"stats\":{\"calculatedMetricValue\":\"x\"}}]}]}"
    })
    void anAnswerThatCannotBeReadIsATypedErrorNotData(String json) {
        JsonNode answer = readTree(json);

        assertThatThrownBy(() -> mapper.map(answer, id -> id, ARRIVED)).isInstanceOf(GenesysResponseException.class)
                .hasMessageContaining("queue observations answer is malformed");
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
