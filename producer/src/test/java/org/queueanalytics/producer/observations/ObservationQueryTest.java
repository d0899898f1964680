package org.queueanalytics.producer.observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ObservationQueryTest {
    private static final List<String> METRICS = List.of("oWaiting", "oOnQueueUsers");

    @Test
    void theBodyIsAnOrFilterOfQueueIdPredicatesAndTheMetrics() throws Exception {
        JsonNode body = new ObjectMapper().readTree(new ObservationQuery(List.of("q1", "q2"), METRICS).toJson().toString());

        assertThat(body).isEqualTo(new ObjectMapper().readTree("""
                {"filter":{"type":"or","predicates":[
                   {"type":"dimension","dimension":"queueId","operator":"matches","value":"q1"},
                   {"type":"dimension","dimension":"queueId","operator":"matches","value":"q2"}]},
                 "metrics":["oWaiting","oOnQueueUsers"]}
                """));
    }

    @Test
    void twoHundredFiftyQueuesMakeThreeQueriesOfAtMostOneHundred() {
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "queue-" + i).toList();

        List<ObservationQuery> batches = ObservationQuery.batches(ids, METRICS);

        assertThat(batches).extracting(q -> q.queueIds().size()).containsExactly(100, 100, 50);
        assertThat(batches.stream().flatMap(q -> q.queueIds().stream()).toList()).isEqualTo(ids);
        assertThat(batches.get(2).toJson().path("filter").path("predicates")).hasSize(50);
        assertThat(ObservationQuery.batches(List.of(), METRICS)).isEmpty();
    }

    @Test
    void refusesAQueryAboveTheCapOrWithoutMetrics() {
        List<String> ids = IntStream.range(0, 101).mapToObj(i -> "queue-" + i).toList();
        assertThatThrownBy(() -> new ObservationQuery(ids, METRICS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..100");
        assertThatThrownBy(() -> new ObservationQuery(List.of("q1"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
