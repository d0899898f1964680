package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.queueanalytics.common.config.OAuthSettings;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.producer.time.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Genesys Cloud API requests. Every request passes, in this order:
 * <ol>
 *   <li>the shared {@link RequestBudget} ({@code analytics.max_requests_per_minute});</li>
 *   <li>a bearer token from {@link AccessTokens};</li>
 *   <li>the HTTP exchange, with bounded connect and request timeouts;</li>
 *   <li>the answer's guard clauses:
 *     <ul>
 *       <li>401 — the token was revoked or expired early: forget it, get one new token, send again
 *           (once per call; a second 401 is an {@link GenesysAuthenticationException});</li>
 *       <li>429 — pause the whole budget for {@code Retry-After} (else {@code inin-ratelimit-reset},
 *           else a few seconds) and send again, at most {@link #MAX_RATE_LIMIT_WAITS} times;</li>
 *       <li>any other non-2xx — classified once by {@link HttpErrorClassifier};</li>
 *       <li>2xx — parsed and checked against the call's {@link AnswerShape}: an empty body, a body
 *           that is not JSON or not an object of that shape is a
 *           {@link GenesysMalformedResponseException}, never data.</li>
 *     </ul></li>
 * </ol>
 * {@link GenesysUnavailableException} (5xx, 408, timeouts, connection errors) and
 * {@link GenesysMalformedResponseException} (a 2xx that cannot be data) are retried by a
 * Resilience4j {@link Retry}: {@code retry.max_retries} more attempts, waits from
 * {@link IntervalFunction#ofExponentialRandomBackoff} between {@code retry.base_delay_seconds} and
 * {@code retry.max_delay_seconds}. The wait itself happens through the injected {@link Sleeper}
 * (so shutdown ends it and tests record it); Resilience4j is told to wait zero. When the attempts
 * run out, the last original exception surfaces. Thread-safe.
 *
 * <p>Queue observation queries ({@link #tryQueryObservations}) take another path: the budget's
 * {@link RequestBudget#tryAcquireObservation non-waiting acquire} instead of a wait, and no
 * backoff retries — a snapshot that fails or finds no slot is simply replaced by the next one. A
 * 401 still gets one new token and one resend (if a slot is still free), and a 429 still pauses the
 * whole budget, so interval polling honours it too.
 */
public final class GenesysHttpClient {
    /** Genesys Cloud's queue observations query (live queue state). */
    public static final String OBSERVATIONS_PATH = "/api/v2/analytics/queues/observations/query";
    static final int MAX_RATE_LIMIT_WAITS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double BACKOFF_RANDOMIZATION = 0.5;
    private static final Logger LOG = LoggerFactory.getLogger(GenesysHttpClient.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final HttpClient http;
    private final Function<String, URI> apiUri;
    private final AccessTokens tokens;
    private final RequestBudget budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration requestTimeout;
    private final IntervalFunction backoff;
    private final Retry retry;
    private final ApiObserver observer;
    private final AtomicLong requestsSent = new AtomicLong();

    GenesysHttpClient(HttpClient http, Function<String, URI> apiUri, AccessTokens tokens, RequestBudget budget,
                      RetrySettings retrySettings, Clock clock, Sleeper sleeper, Duration requestTimeout) {
        this(http, apiUri, tokens, budget, retrySettings, clock, sleeper, requestTimeout, ApiObserver.NONE);
    }

    GenesysHttpClient(HttpClient http, Function<String, URI> apiUri, AccessTokens tokens, RequestBudget budget,
                      RetrySettings retrySettings, Clock clock, Sleeper sleeper, Duration requestTimeout, ApiObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.http = Objects.requireNonNull(http, "http");
        this.apiUri = Objects.requireNonNull(apiUri, "apiUri");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retrySettings.baseDelay(), BACKOFF_MULTIPLIER,
                BACKOFF_RANDOMIZATION, retrySettings.maxDelay());
        this.retry = Retry.of("genesys-api", RetryConfig.custom()
                .maxAttempts(retrySettings.maxRetries() + 1)
                .retryOnException(GenesysHttpClient::retriedWithBackoff)
                .intervalFunction(attempt -> 0L)
                .build());
        this.retry.getEventPublisher().onRetry(event -> LOG.warn("Genesys Cloud request failed (attempt {}), retrying: {}",
                event.getNumberOfRetryAttempts(), event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage()));
    }

    /** The production client: a JDK {@link HttpClient} with bounded timeouts, tokens from the login host. */
    public static GenesysHttpClient create(OAuthSettings oauth, int maxRequestsPerMinute, RetrySettings retry,
                                           Clock clock, Sleeper sleeper) {
        return create(oauth, maxRequestsPerMinute, retry, clock, sleeper, ApiObserver.NONE);
    }

    /** The production client, reporting every request, budget wait and 429 pause to {@code observer}. */
    public static GenesysHttpClient create(OAuthSettings oauth, int maxRequestsPerMinute, RetrySettings retry,
                                           Clock clock, Sleeper sleeper, ApiObserver observer) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AccessTokens tokens = new AccessTokens(http, oauth, clock, REQUEST_TIMEOUT);
        RequestBudget budget = new RequestBudget(maxRequestsPerMinute, clock, sleeper);
        return new GenesysHttpClient(http, oauth::apiUri, tokens, budget, retry, clock, sleeper, REQUEST_TIMEOUT, observer);
    }

    /** Requests sent to the API so far (every attempt counts, token requests do not). */
    public long requestsSent() {
        return requestsSent.get();
    }

    public AccessTokens tokens() {
        return tokens;
    }

    /** A failure the same request may not meet again: no answer, a 5xx/408, or a 2xx cut short. */
    private static boolean retriedWithBackoff(Throwable e) {
        return e instanceof GenesysUnavailableException || e instanceof GenesysMalformedResponseException;
    }

    /** Sends {@code call} and returns its JSON answer, which has the call's {@link AnswerShape}. */
    JsonNode send(ApiCall call) throws GenesysException, InterruptedException {
        CallState state = new CallState();
        try {
            return retry.executeCallable(() -> attempt(call, state));
        } catch (GenesysException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure sending " + call.describe(), e);
        }
    }

    /**
     * Sends one queue observations query ({@code jsonBody}, a {@code QueueObservationQuery}) if the
     * budget has a slot for it now and fewer than {@code maxObservationsPerMinute} observation
     * requests started within the last minute; never waits for the budget and never retries with
     * backoff. A 401 gets one new token and one resend (through the same non-waiting acquire); a
     * 429 pauses the whole budget for its {@code Retry-After} and fails this query.
     *
     * @return the answer (a JSON object of {@link AnswerShape#OBSERVATIONS}), or empty when there was
     *         no slot for the query (it was not sent)
     * @throws GenesysException the query failed: the classified HTTP error, a 429
     *         ({@link GenesysRateLimitedException}), no answer, or a malformed answer
     */
    public Optional<JsonNode> tryQueryObservations(String jsonBody, int maxObservationsPerMinute)
            throws GenesysException, InterruptedException {
        return trySend(ApiCall.post(OBSERVATIONS_PATH, jsonBody, ApiCall.OBSERVATIONS_PERMISSION, AnswerShape.OBSERVATIONS),
                maxObservationsPerMinute);
    }

    /** The non-waiting path of {@link #tryQueryObservations}: one attempt, plus one resend after a 401. */
    Optional<JsonNode> trySend(ApiCall call, int maxObservationsPerMinute) throws GenesysException, InterruptedException {
        boolean refreshedToken = false;
        while (true) {
            if (!budget.tryAcquireObservation(maxObservationsPerMinute)) {
                return Optional.empty();
            }
            String token = tokens.current();
            HttpResponse<String> response = exchange(call, token);
            int status = response.statusCode();
            observer.responded(call.describe(), status);
            if (status >= 200 && status < 300) {
                return Optional.of(parse(call, status, response.body(), "; not read as data (the next snapshot asks again)"));
            }
            if (status == 401 && !refreshedToken) {
                refreshedToken = true;
                LOG.info("Genesys Cloud refused the access token on {} (401); requesting a new token", call.describe());
                tokens.invalidate(token);
                continue;
            }
            if (status == 429) {
                Duration wait = RetryAfter.of(response.headers());
                budget.pauseUntil(clock.instant().plus(wait));
                observer.rateLimited(wait);
                throw new GenesysRateLimitedException("Genesys Cloud " + call.describe() + " answered HTTP 429: every request "
                        + "pauses for " + wait.toMillis() / 1000.0 + " s; the rest of this snapshot is skipped");
            }
            throw HttpErrorClassifier.classify(call, status, response.body());
        }
    }

    /** One Resilience4j attempt: waits the backoff first when it is a retry. */
    private JsonNode attempt(ApiCall call, CallState state) throws GenesysException, InterruptedException {
        int attempt = ++state.attempts;
        if (attempt > 1) {
            sleeper.sleep(Duration.ofMillis(backoff.apply(attempt - 1)));
        }
        while (true) {
            Duration budgetWait = budget.acquire();
            if (!budgetWait.isZero() && !budgetWait.isNegative()) {
                observer.budgetWaited(budgetWait);
            }
            String token = tokens.current();
            HttpResponse<String> response = exchange(call, token);
            int status = response.statusCode();
            observer.responded(call.describe(), status);
            if (status >= 200 && status < 300) {
                return parse(call, status, response.body(),
                        "; not read as data, will retry (the window is not marked fetched until it gets a well-formed answer)");
            }
            if (status == 401 && !state.refreshedToken) {
                state.refreshedToken = true;
                LOG.info("Genesys Cloud refused the access token on {} (401); requesting a new token", call.describe());
                tokens.invalidate(token);
                continue;
            }
            if (status == 429 && state.rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
                state.rateLimitWaits++;
                Duration wait = RetryAfter.of(response.headers());
                LOG.warn("Genesys Cloud rate limit reached on {} (429); pausing all requests for {} s",
                        call.describe(), wait.toMillis() / 1000.0);
                budget.pauseUntil(clock.instant().plus(wait));
                observer.rateLimited(wait);
                continue;
            }
            throw HttpErrorClassifier.classify(call, status, response.body());
        }
    }

    private HttpResponse<String> exchange(ApiCall call, String token) throws GenesysUnavailableException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(apiUri.apply(call.pathAndQuery()))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (call.jsonBody() == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.jsonBody(), StandardCharsets.UTF_8));
        }
        requestsSent.incrementAndGet();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            observer.responded(call.describe(), 0);
            throw new GenesysUnavailableException("Genesys Cloud " + call.describe() + " did not answer within "
                    + requestTimeout.toSeconds() + " s", 0, e);
        } catch (IOException e) {
            observer.responded(call.describe(), 0);
            throw new GenesysUnavailableException("cannot reach Genesys Cloud for " + call.describe() + " (" + e
                    + "); check oauth.base_url and the network", 0, e);
        }
    }

    /** The answer as JSON of the call's shape; anything else is malformed, never "no data". */
    private static JsonNode parse(ApiCall call, int status, String body, String retry) throws GenesysMalformedResponseException {
        String what = "Genesys Cloud " + call.describe() + " answered HTTP " + status;
        if (body == null || body.isBlank()) {
            throw new GenesysMalformedResponseException(what + " with an empty body" + retry, status, null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new GenesysMalformedResponseException(what + " with a body that is not JSON (" + body.length()
                    + " characters)" + retry, status, e);
        }
        Optional<String> problem = call.answerShape().problem(answer);
        if (problem.isPresent()) {
            throw new GenesysMalformedResponseException(what + " with a malformed body: " + problem.get() + retry, status, null);
        }
        return answer;
    }

    /** Per-call bookkeeping across Resilience4j attempts. Confined to the calling thread. */
    private static final class CallState {
        int attempts;
        boolean refreshedToken;
        int rateLimitWaits;
    }
}
