package org.queueanalytics.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.queueanalytics.emulator.analytics.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small real-HTTP client for the emulator's tests. */
public final class EmulatorHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String AGGREGATES = "/api/v2/analytics/conversations/aggregates/query";
    public static final String OBSERVATIONS = "/api/v2/analytics/queues/observations/query";

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EmulatorHttp(URI base) {
        this.base = base;
    }

    public HttpResponse<String> requestToken(String clientId, String secret, String form) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public String token() {
        HttpResponse<String> response = requestToken("demo-client", "demo-secret", "grant_type=client_credentials");
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    public HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, String token, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Sends, surfacing I/O failures (e.g. a dropped connection) as IOException. */
    public HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static final String ALL_METRICS = Arrays.stream(Metric.values())
            .map(m -> "\"" + m.wireName() + "\"").collect(Collectors.joining(","));

    /** An aggregates query body for the given queues, all produced metrics. */
    public static String query(String interval, String granularity, Iterable<String> queueIds) {
        StringBuilder predicates = new StringBuilder();
        for (String id : queueIds) {
            if (predicates.length() > 0) {
                predicates.append(',');
            }
            predicates.append("{\"type\":\"dimension\",\"dimension\":\"queueId\",\"operator\":\"matches\",\"value\":\"")
                    .append(id).append("\"}");
        }
        return "{\"interval\":\"" + interval + "\",\"granularity\":\"" + granularity + "\",\"timeZone\":\"UTC\","
                + "\"groupBy\":[\"queueId\",\"mediaType\"],"
                + "\"filter\":{\"type\":\"or\",\"predicates\":[" + predicates + "]},"
                + "\"metrics\":[" + ALL_METRICS + "],"
                + "\"clauses\":[],\"views\":[]}";
    }

    /** A queue observation query body as the contract sends it: an "or" of queueId predicates and these metrics. */
    public static String observationQuery(Iterable<String> queueIds, String... metrics) {
        StringBuilder predicates = new StringBuilder();
        for (String id : queueIds) {
            if (predicates.length() > 0) {
                predicates.append(',');
            }
            predicates.append("{\"type\":\"dimension\",\"dimension\":\"queueId\",\"operator\":\"matches\",\"value\":\"")
                    .append(id).append("\"}");
        }
        return "{\"filter\":{\"type\":\"or\",\"predicates\":[" + predicates + "]},\"metrics\":["
                + Arrays.stream(metrics).map(m -> "\"" + m + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return sendRaw(request.timeout(Duration.ofSeconds(10)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
