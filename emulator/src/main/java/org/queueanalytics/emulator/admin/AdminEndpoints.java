package org.queueanalytics.emulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queueanalytics.emulator.analytics.AggregatesRenderer;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.analytics.ServedLedger;
import org.queueanalytics.emulator.auth.TokenStore;
import org.queueanalytics.emulator.errors.GenesysErrors;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.faults.BrokenAnswer;
import org.queueanalytics.emulator.faults.FaultInjector;
import org.queueanalytics.emulator.faults.FaultSettings;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;
import org.queueanalytics.emulator.web.RequestStats;

/**
 * {@code /emulator/*}: the same controls and records as the Java API, for scripts. Never
 * authenticated, rate limited or faulted.
 * <ul>
 *   <li>{@code GET /emulator/served[?queueId=&mediaType=]} — last values served per bucket</li>
 *   <li>{@code DELETE /emulator/served} — forget them</li>
 *   <li>{@code GET /emulator/stats} — requests by endpoint and status, tokens issued, faults</li>
 *   <li>{@code GET /emulator/queues} — the catalog, deleted queues included</li>
 *   <li>{@code POST /emulator/faults} — {@code {"failNext":{"count":2,"status":503},"dropNext":1,
 *       "slowMs":500,"errorRate":0.1,"dropRate":0.0,"emptyBodyRate":0.1,
 *       "breakNext":{"count":2,"kind":"empty","endpoint":"aggregates"},"revokeTokens":true,"reset":true}}, any
 *       subset. {@code breakNext.kind} is {@code empty}, {@code truncated} or {@code wrong-shape};
 *       {@code breakNext.endpoint} is {@code aggregates}, {@code observations}, {@code routing} or {@code any}
 *       (the default)</li>
 * </ul>
 */
public final class AdminEndpoints {
    public static final String SERVED = "/emulator/served";
    public static final String STATS = "/emulator/stats";
    public static final String QUEUES = "/emulator/queues";
    public static final String FAULTS = "/emulator/faults";
    private static final Set<String> FAULT_FIELDS =
            Set.of("failNext", "dropNext", "slowMs", "errorRate", "dropRate", "emptyBodyRate", "breakNext", "revokeTokens",
                    "reset");

    private final ServedLedger ledger;
    private final RequestStats stats;
    private final TokenStore tokens;
    private final FaultInjector faults;
    private final QueueCatalog catalog;
    private final ObjectMapper json;

    public AdminEndpoints(ServedLedger ledger, RequestStats stats, TokenStore tokens, FaultInjector faults,
                          QueueCatalog catalog, ObjectMapper json) {
        this.ledger = ledger;
        this.stats = stats;
        this.tokens = tokens;
        this.faults = faults;
        this.catalog = catalog;
        this.json = json;
    }

    public Map<String, Object> served(Context ctx) {
        String queueId = ctx.queryParam("queueId");
        String mediaType = ctx.queryParam("mediaType");
        List<Map<String, Object>> served = ledger.all().stream()
                .filter(s -> queueId == null || s.queueId().equals(queueId))
                .filter(s -> mediaType == null || s.mediaType().equals(mediaType))
                .map(AdminEndpoints::served)
                .toList();
        return Map.of("served", served);
    }

    public Map<String, Object> clearServed(Context ctx) {
        ledger.clear();
        return Map.of("served", List.of());
    }

    public Map<String, Object> stats(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", stats.snapshot());
        body.put("tokensIssued", tokens.issuedCount());
        body.put("faults", faults.counters());
        body.put("standingFaults", standing(faults.standing()));
        return body;
    }

    public Map<String, Object> queues(Context ctx) {
        return Map.of("queues", catalog.all().stream().map(AdminEndpoints::queue).toList());
    }

    public Map<String, Object> applyFaults(Context ctx) {
        JsonNode body = readObject(ctx.body());
        body.fieldNames().forEachRemaining(field -> {
            if (!FAULT_FIELDS.contains(field)) {
                throw GenesysErrors.badRequest("unknown field '" + field + "'; known: " + FAULT_FIELDS);
            }
        });
        try {
            if (body.path("reset").asBoolean(false)) {
                faults.reset();
            }
            if (body.has("failNext")) {
                JsonNode failNext = body.get("failNext");
                faults.failNext(failNext.path("count").asInt(1), failNext.path("status").asInt(FaultInjector.DEFAULT_FAILURE_STATUS));
            }
            if (body.has("dropNext")) {
                faults.dropNextConnections(body.get("dropNext").asInt());
            }
            if (body.has("slowMs")) {
                faults.slowDown(Duration.ofMillis(body.get("slowMs").asLong()));
            }
            if (body.has("errorRate")) {
                faults.setErrorRate(body.get("errorRate").asDouble());
            }
            if (body.has("dropRate")) {
                faults.setDropRate(body.get("dropRate").asDouble());
            }
            if (body.has("emptyBodyRate")) {
                faults.setEmptyBodyRate(body.get("emptyBodyRate").asDouble());
            }
            if (body.has("breakNext")) {
                JsonNode breakNext = body.get("breakNext");
                faults.breakNextAnswers(breakNext.path("count").asInt(1),
                        BrokenAnswer.fromWireName(breakNext.path("kind").asText("empty")),
                        breakableEndpoints(breakNext.path("endpoint").asText("any")));
            }
        } catch (IllegalArgumentException invalid) {
            throw GenesysErrors.invalidValue(invalid.getMessage());
        }
        if (body.path("revokeTokens").asBoolean(false)) {
            tokens.revokeAll();
        }
        return Map.of("standingFaults", standing(faults.standing()), "faults", faults.counters());
    }

    private static Set<String> breakableEndpoints(String name) {
        return switch (name) {
            case "aggregates" -> Set.of(Endpoints.AGGREGATES);
            case "observations" -> Set.of(Endpoints.OBSERVATIONS);
            case "routing" -> Set.of(Endpoints.ROUTING_QUEUES);
            case "any" -> FaultInjector.BREAKABLE;
            default -> throw new IllegalArgumentException("breakNext.endpoint must be aggregates, observations, routing or any, got \"" + name + "\"");
        };
    }

    private JsonNode readObject(String body) {
        try {
            JsonNode node = json.readTree(body == null || body.isBlank() ? "{}" : body);
            if (!node.isObject()) {
                throw GenesysErrors.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException malformed) {
            throw GenesysErrors.badRequest("the body is not valid JSON");
        }
    }

    private static Map<String, Object> served(ServedInterval served) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        served.metrics().forEach((name, value) -> metrics.put(name, value.stats()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("queueId", served.queueId());
        entry.put("mediaType", served.mediaType());
        entry.put("interval", AggregatesRenderer.interval(served.intervalStart(), served.intervalEnd()));
        entry.put("intervalStart", served.intervalStart().toString());
        entry.put("intervalEnd", served.intervalEnd().toString());
        entry.put("servedAt", served.servedAt().toString());
        entry.put("metrics", metrics);
        return entry;
    }

    private static Map<String, Object> queue(EmulatedQueue queue) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", queue.idString());
        entry.put("name", queue.name());
        entry.put("mediaTypes", queue.mediaTypes().stream().map(MediaType::wireName).toList());
        entry.put("deleted", queue.deleted());
        return entry;
    }

    private static Map<String, Object> standing(FaultSettings settings) {
        Map<String, Object> standing = new LinkedHashMap<>();
        standing.put("errorRate", settings.errorRate());
        standing.put("dropRate", settings.dropRate());
        standing.put("slowMs", settings.slowDelay().toMillis());
        standing.put("emptyBodyRate", settings.emptyBodyRate());
        return standing;
    }
}
