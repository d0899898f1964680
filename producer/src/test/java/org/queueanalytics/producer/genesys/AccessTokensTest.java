package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.testsupport.MutableClock;

class AccessTokensTest {
    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:00:00Z");

    @AfterEach
    void stop() {
        genesys.close();
    }

    private AccessTokens tokens() {
        return new AccessTokens(HttpClient.newHttpClient(), genesys.oauth(), clock, Duration.ofSeconds(10));
    }

    @Test
    void postsClientCredentialsWithBasicAuthenticationToTheLoginHost() throws Exception {
        assertThat(tokens().current()).isEqualTo("token-1");

        ScriptedGenesys.Request request = genesys.requests("/oauth/token").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("grant_type=client_credentials");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        String expected = Base64.getEncoder().encodeToString(
                (ScriptedGenesys.CLIENT_ID + ":" + ScriptedGenesys.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void reusesTheTokenUntilSixtySecondsBeforeItExpires() throws Exception {
        genesys.tokenLifetimeSeconds(3600);
        AccessTokens tokens = tokens();
        tokens.current();

        clock.advance(Duration.ofSeconds(3539));
        assertThat(tokens.current()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.current()).isEqualTo("token-2");
        assertThat(genesys.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfItsLifetime() throws Exception {
        genesys.tokenLifetimeSeconds(60);
        AccessTokens tokens = tokens();
        tokens.current();

        clock.advance(Duration.ofSeconds(29));
        assertThat(tokens.current()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.current()).isEqualTo("token-2");
    }

    @Test
    void invalidatingAnAlreadyReplacedTokenKeepsTheNewOne() throws Exception {
        AccessTokens tokens = tokens();
        String first = tokens.current();
        tokens.invalidate(first);
        String second = tokens.current();

        tokens.invalidate(first);

        assertThat(tokens.current()).isEqualTo(second);
        assertThat(genesys.tokenRequests()).isEqualTo(2);
    }

    @Test
    void manyThreadsAskingAtOnceCauseOneTokenRequest() throws Exception {
        genesys.tokenDelay(Duration.ofMillis(300));
        AccessTokens tokens = tokens();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return tokens.current();
            }));
        }
        go.countDown();
        for (Future<String> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
        }
        pool.shutdownNow();

        assertThat(genesys.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRefusedLoginIsFatalAndSaysWhatToCheckWithoutTheSecret() {
        genesys.onToken(Reply.json(401, "{\"error\":\"invalid_client\",\"description\":\"client not found\"}"));

        assertThatThrownBy(() -> tokens().current())
                .isInstanceOf(GenesysAuthenticationException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("oauth.client_id")
                .hasMessageContaining("oauth.client_secret")
                .hasMessageContaining("region")
                .hasMessageContaining("enabled")
                .hasMessageContaining(ScriptedGenesys.CLIENT_ID)
                .hasMessageNotContaining(ScriptedGenesys.CLIENT_SECRET);
    }

    @Test
    void aLoginServerErrorIsRetryable() {
        genesys.onToken(Reply.json(503, "{}"));

        assertThatThrownBy(() -> tokens().current()).isInstanceOf(GenesysUnavailableException.class);
    }

    @Test
    void aRateLimitedOrTimedOutLoginIsRetryableNotAConfigurationError() {
        genesys.onToken(Reply.json(429, "{\"error\":\"too_many_requests\"}"), Reply.json(408, "{}"));
        AccessTokens tokens = tokens();

        assertThatThrownBy(tokens::current).isInstanceOf(GenesysUnavailableException.class).hasMessageContaining("HTTP 429");
        assertThatThrownBy(tokens::current).isInstanceOf(GenesysUnavailableException.class).hasMessageContaining("HTTP 408");
    }

    @Test
    void aLoginAnswerWithoutATokenIsReported() {
        genesys.onToken(Reply.ok("{\"token_type\":\"bearer\"}"));

        assertThatThrownBy(() -> tokens().current())
                .isInstanceOf(GenesysResponseException.class)
                .hasMessageContaining("access_token");
    }
}
