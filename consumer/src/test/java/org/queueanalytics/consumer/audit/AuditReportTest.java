package org.queueanalytics.consumer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditReportTest {
    private static AuditReport.Example example(int i) {
        return new AuditReport.Example("q" + i, "voice", Instant.parse("2025-01-27T08:00:00Z"), "PT30M", 10L, null, null, 0, i);
    }

    @Test
    void onlyMissingStaleAndDiffersFailTheAudit() {
        AuditReport r = new AuditReport("t", "db.t", null, null);
        r.add(Outcome.MATCHED, example(1));
        r.add(Outcome.DEAD_LETTERED, example(2));
        assertThat(r.exitCode()).isZero();
        r.add(Outcome.STALE, example(3));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.toText()).contains("stale          1").contains("INCOMPLETE");
    }

    @Test
    void theJsonHasEveryCountAndAtMostAHundredExamplesPerClass() throws Exception {
        AuditReport r = new AuditReport("t", "db.t", Instant.parse("2025-01-27T00:00:00Z"), null);
        for (int i = 0; i < 150; i++) {
            r.add(Outcome.MISSING, example(i));
        }
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.get("missing").asLong()).isEqualTo(150);
        assertThat(json.get("matched").asLong()).isZero();
        assertThat(json.get("dead_lettered").asLong()).isZero();
        assertThat(json.get("complete").asBoolean()).isFalse();
        assertThat(json.get("from").asText()).isEqualTo("2025-01-27T00:00:00Z");
        assertThat(json.get("examples").get("missing")).hasSize(100);
        assertThat(json.get("examples").get("missing").get(0).get("queue_id").asText()).isEqualTo("q0");
        assertThat(json.get("examples").get("missing").get(0).get("table_fetched_at").isNull()).isTrue();
    }
}
