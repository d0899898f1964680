package org.queueanalytics.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void aMissingPermissionGets403NamingIt() {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(2)
                .denyPermission("analytics:conversationAggregate:view").build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
            String token = http.token();

            HttpResponse<String> response = http.post(EmulatorHttp.AGGREGATES, token, EmulatorHttp.query(
                    "2025-01-27T08:00:00Z/2025-01-27T09:00:00Z", "PT30M", List.of(emulator.queues().get(0).idString())));

            assertThat(response.statusCode()).isEqualTo(403);
            JsonNode body = EmulatorHttp.json(response);
            assertThat(body.get("code").asText()).isEqualTo("missing.any.permissions");
            assertThat(body.get("message").asText()).contains("analytics:conversationAggregate:view");
            assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(200);
        }
    }
}
