package org.queueanalytics.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.testsupport.MutableClock;

class AdminEndpointsTest {

    @Test
    void reportsServedValuesStatsAndQueues() {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(4).deletedQueues(1)
                .clock(MutableClock.at("2025-01-27T15:00:00Z")).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
            String token = http.token();
            String queueId = emulator.queues().get(0).idString();
            http.post(EmulatorHttp.AGGREGATES, token,
                    EmulatorHttp.query("2025-01-27T08:00:00Z/2025-01-27T12:00:00Z", "PT1H", List.of(queueId)));

            JsonNode served = EmulatorHttp.json(http.get("/emulator/served?queueId=" + queueId, null)).get("served");
            assertThat(served.size()).isEqualTo(emulator.served().size()).isPositive();
            assertThat(served.get(0).get("queueId").asText()).isEqualTo(queueId);
            assertThat(served.get(0).at("/metrics/nOffered/count").asLong())
                    .isEqualTo(emulator.served().get(0).offered());

            JsonNode stats = EmulatorHttp.json(http.get("/emulator/stats", null));
            assertThat(stats.at("/requests/" + Endpoints.AGGREGATES.replace("/", "~1") + "/200").asLong()).isEqualTo(1);
            assertThat(stats.get("tokensIssued").asLong()).isEqualTo(1);

            JsonNode queues = EmulatorHttp.json(http.get("/emulator/queues", null)).get("queues");
            assertThat(queues.size()).isEqualTo(5);
            assertThat(queues.get(4).get("deleted").asBoolean()).isTrue();

            assertThat(http.get("/emulator/served", null).headers().firstValue("ININ-Correlation-Id")).isPresent();
        }
    }
}
