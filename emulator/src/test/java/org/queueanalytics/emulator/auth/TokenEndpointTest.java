package org.queueanalytics.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.EmulatorHttp;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.testsupport.MutableClock;

class TokenEndpointTest {
    private final MutableClock clock = MutableClock.at("2025-01-27T10:00:00Z");
    private GenesysEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() {
        emulator = GenesysEmulator.builder().queues(3).tokenTtl(Duration.ofSeconds(600)).clock(clock).build().start();
        http = new EmulatorHttp(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void issuesABearerTokenWithTheConfiguredLifetime() {
        HttpResponse<String> response = http.requestToken("demo-client", "demo-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = EmulatorHttp.json(response);
        assertThat(body.get("access_token").asText()).hasSizeGreaterThan(20);
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(600);
        assertThat(response.headers().firstValue("ININ-Correlation-Id")).isPresent();
        assertThat(emulator.tokensIssued()).isEqualTo(1);
        assertThat(emulator.requestCount(Endpoints.TOKEN, 200)).isEqualTo(1);
    }

    @Test
    void rejectsAWrongSecretWithInvalidClient() {
        HttpResponse<String> response = http.requestToken("demo-client", "wrong", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = EmulatorHttp.json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_client");
        assertThat(body.get("description").asText()).isNotBlank();
        assertThat(emulator.tokensIssued()).isZero();
    }

    @Test
    void rejectsAnUnknownClientId() {
        assertThat(http.requestToken("someone-else", "demo-secret", "grant_type=client_credentials").statusCode())
                .isEqualTo(401);
    }

    @Test
    void rejectsAnotherGrantTypeWithUnsupportedGrantType() {
        HttpResponse<String> response = http.requestToken("demo-client", "demo-secret", "grant_type=password");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(EmulatorHttp.json(response).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void acceptsOnlyTheConfiguredCredentials() {
        try (GenesysEmulator custom = GenesysEmulator.builder().queues(1).clientCredentials("id-1", "s3cret").build().start()) {
            EmulatorHttp customHttp = new EmulatorHttp(custom.baseUrl());
            assertThat(customHttp.requestToken("id-1", "s3cret", "grant_type=client_credentials").statusCode()).isEqualTo(200);
            assertThat(customHttp.requestToken("demo-client", "demo-secret", "grant_type=client_credentials").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void anExpiredTokenGets401CredentialsExpired() {
        String token = http.token();
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(600));
        HttpResponse<String> response = http.get("/api/v2/routing/queues", token);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = EmulatorHttp.json(response);
        assertThat(body.get("code").asText()).isEqualTo("credentials.expired");
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("contextId").asText()).isEqualTo(response.headers().firstValue("ININ-Correlation-Id").orElseThrow());
    }

    @Test
    void aMissingOrUnknownTokenGets401AuthenticationRequired() {
        HttpResponse<String> missing = http.get("/api/v2/routing/queues", null);
        HttpResponse<String> unknown = http.get("/api/v2/routing/queues", "not-a-token");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(EmulatorHttp.json(missing).get("code").asText()).isEqualTo("authentication.required");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(EmulatorHttp.json(unknown).get("code").asText()).isEqualTo("authentication.required");
    }

    @Test
    void revokedTokensAreRejectedAndANewOneWorks() {
        String token = http.token();
        emulator.revokeTokens();

        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v2/routing/queues", http.token()).statusCode()).isEqualTo(200);
        assertThat(emulator.tokensIssued()).isEqualTo(2);
    }

    @Test
    void theApiHostHasNoTokenEndpoint() {
        HttpResponse<String> response = http.post("/api/v2/oauth/token", null, "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(EmulatorHttp.json(response).get("code").asText()).isEqualTo("not.found");
    }
}
