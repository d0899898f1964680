package org.queueanalytics.emulator.ratelimit;

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

class RateLimitTest {
    private final MutableClock clock = MutableClock.at("2025-01-27T10:00:00Z");
    private GenesysEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() {
        emulator = GenesysEmulator.builder().queues(3).rateLimitPerMinute(5).clock(clock).build().start();
        http = new EmulatorHttp(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void countsRequestsInTheRateLimitHeaders() {
        String token = http.token();
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> response = http.get("/api/v2/routing/queues", token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("inin-ratelimit-count")).hasValue(Integer.toString(i));
            assertThat(response.headers().firstValue("inin-ratelimit-allowed")).hasValue("5");
            assertThat(response.headers().firstValue("inin-ratelimit-reset")).hasValue("60");
        }
    }

    @Test
    void beyondTheBudgetAnswers429WithTheTrueWholeSecondsToWait() {
        String token = http.token();
        for (int i = 0; i < 5; i++) {
            http.get("/api/v2/routing/queues", token);
        }
        clock.advance(Duration.ofMillis(20_500));

        HttpResponse<String> refused = http.get("/api/v2/routing/queues", token);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("40");
        assertThat(refused.headers().firstValue("inin-ratelimit-reset")).hasValue("40");
        assertThat(refused.headers().firstValue("ININ-Correlation-Id")).isPresent();
        JsonNode body = EmulatorHttp.json(refused);
        assertThat(body.get("code").asText()).isEqualTo("too.many.requests.retry.after");
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("message").asText())
                .isEqualTo("Rate limit exceeded the maximum. Retry the request in [40] seconds");
        assertThat(emulator.requestCount(Endpoints.ROUTING_QUEUES, 429)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(39));
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.get("/api/v2/routing/queues", token).statusCode()).isEqualTo(200);
    }

    @Test
    void eachTokenHasItsOwnBudget() {
        String first = http.token();
        for (int i = 0; i < 5; i++) {
            http.get("/api/v2/routing/queues", first);
        }
        assertThat(http.get("/api/v2/routing/queues", first).statusCode()).isEqualTo(429);
        assertThat(http.get("/api/v2/routing/queues", http.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void retryAfterIsAlwaysAWholePositiveNumber() {
        RateLimiter limiter = new RateLimiter(1, clock);
        limiter.acquire("t");
        clock.advance(Duration.ofMillis(59_999));
        RateLimitDecision decision = limiter.acquire("t");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.resetSeconds()).isEqualTo(1);
    }
}
