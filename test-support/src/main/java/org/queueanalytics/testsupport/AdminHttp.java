package org.queueanalytics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a service's admin endpoints ({@code /reload}, {@code /healthz}, {@code /readyz},
 * {@code /metrics}, {@code /status}) the way an operator or Prometheus would, over HTTP.
 */
public final class AdminHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    /** @param token sent as {@code Authorization: Bearer <token>}; null sends no header */
    public AdminHttp(int port, String token) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.token = token;
    }

    /** The same server without the token (or with another one). */
    public AdminHttp withToken(String other) {
        return new AdminHttp(base.getPort(), other);
    }

    public record Answer(int status, String body) {
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code GET /metrics}, which must answer 200. */
    public PrometheusScrape scrape() {
        Answer answer = get("/metrics");
        if (answer.status() != 200) {
            throw new AssertionError("GET /metrics answered " + answer.status() + ": " + answer.body());
        }
        return PrometheusScrape.parse(answer.body());
    }

    private Answer send(HttpRequest.Builder request) {
        request.timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("admin server " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + base, e);
        }
    }
}
