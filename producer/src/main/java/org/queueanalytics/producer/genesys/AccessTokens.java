package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.queueanalytics.common.config.OAuthSettings;
import org.queueanalytics.common.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth client-credentials tokens for the Genesys Cloud API: {@code POST {login}/oauth/token}
 * with HTTP Basic authentication. There is no refresh token for this grant, so a token is cached
 * until {@code expires_in} minus {@link #RENEW_BEFORE_EXPIRY} (half the lifetime for lifetimes of
 * two minutes or less) and then a new one is requested.
 *
 * <p>Thread-safety: every method is {@code synchronized}, so however many threads ask at once,
 * one token request is in flight and the others receive its result. A 4xx from the login host is
 * a configuration problem ({@link GenesysAuthenticationException}) — except 408 and 429, which say
 * nothing about the credentials; those, a 5xx, a timeout or a connection error are
 * {@link GenesysUnavailableException} (retried with backoff). The secret never appears in a message.
 */
public final class AccessTokens {
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUri;
    private final String clientId;
    private final Secret clientSecret;
    private final Clock clock;
    private final Duration requestTimeout;

    private String token;
    private Instant renewAt = Instant.MIN;
    private long tokensIssued;

    public AccessTokens(HttpClient http, OAuthSettings oauth, Clock clock, Duration requestTimeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenUri = oauth.tokenUri();
        this.clientId = oauth.clientId();
        this.clientSecret = oauth.clientSecret();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** A valid bearer token, from the cache or freshly issued. */
    public synchronized String current() throws GenesysException, InterruptedException {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return token;
        }
        return issue();
    }

    /**
     * Forgets {@code rejected} after the API answered 401 to it. A token that another thread
     * already replaced is left alone, so N threads hitting one expired token cause one new token.
     */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    /** How many tokens the login host has issued to this instance (for status and tests). */
    public synchronized long tokensIssued() {
        return tokensIssued;
    }

    private String issue() throws GenesysException, InterruptedException {
        Instant requestedAt = clock.instant();
        HttpResponse<String> response = send();
        int status = response.statusCode();
        if (status == 408 || status == 429) {
            // not a configuration problem: the login host is slow or rate-limits token requests
            throw new GenesysUnavailableException("Genesys Cloud login " + tokenUri + " answered HTTP " + status
                    + " (" + ErrorBody.parse(response.body()).summary() + "); will retry", status, null);
        }
        if (status >= 400 && status < 500) {
            ErrorBody error = ErrorBody.parse(response.body());
            throw new GenesysAuthenticationException("Genesys Cloud login " + tokenUri + " refused the client credentials "
                    + "of OAuth client id '" + clientId + "' (HTTP " + status + ", " + error.summary() + "). Check "
                    + "oauth.client_id and oauth.client_secret (or GENESYS_CLIENT_ID / GENESYS_CLIENT_SECRET), that "
                    + "oauth.base_url / oauth.login_url name your organization's region, and that the OAuth client "
                    + "is enabled and uses the Client Credentials grant", status);
        }
        if (status != 200) {
            throw new GenesysUnavailableException("Genesys Cloud login " + tokenUri + " answered HTTP " + status
                    + " (" + ErrorBody.parse(response.body()).summary() + "); will retry", status, null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GenesysResponseException("Genesys Cloud login " + tokenUri + " answered 200 without a JSON token", e);
        }
        JsonNode accessToken = body == null ? null : body.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new GenesysResponseException("Genesys Cloud login " + tokenUri + " answered 200 without access_token", null);
        }
        long lifetimeSeconds = body.path("expires_in").asLong(0);
        Duration lifetime = Duration.ofSeconds(Math.max(0, lifetimeSeconds));
        Duration margin = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) <= 0 ? lifetime.dividedBy(2) : RENEW_BEFORE_EXPIRY;
        token = accessToken.asText();
        renewAt = requestedAt.plus(lifetime).minus(margin);
        tokensIssued++;
        LOG.info("Obtained a Genesys Cloud access token for OAuth client id '{}' valid for {} s", clientId, lifetimeSeconds);
        return token;
    }

    private HttpResponse<String> send() throws GenesysUnavailableException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret.reveal()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(requestTimeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new GenesysUnavailableException("Genesys Cloud login " + tokenUri + " did not answer within "
                    + requestTimeout.toSeconds() + " s; will retry", 0, e);
        } catch (IOException e) {
            throw new GenesysUnavailableException("cannot reach Genesys Cloud login " + tokenUri + " (" + e
                    + "); check oauth.login_url / oauth.base_url and the network; will retry", 0, e);
        }
    }
}
