package org.queueanalytics.emulator.queues;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queueanalytics.emulator.errors.GenesysErrors;

/**
 * {@code GET /api/v2/routing/queues} (paged, optional repeated {@code id=}) and
 * {@code GET /api/v2/routing/queues/{queueId}}. Deleted queues are never listed.
 */
public final class RoutingQueuesEndpoint {
    public static final String LIST_PATH = "/api/v2/routing/queues";
    public static final String ONE_PATH = "/api/v2/routing/queues/{queueId}";
    /** Larger page sizes are capped silently, as the real API does. */
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 25;

    private static final String DIVISION_ID = "2f1d4a2c-8b0e-4c55-9d3e-5a1f00000001";

    private final QueueCatalog catalog;

    public RoutingQueuesEndpoint(QueueCatalog catalog) {
        this.catalog = catalog;
    }

    public Map<String, Object> list(Context ctx) {
        int pageSize = Math.min(positiveInt(ctx.queryParam("pageSize"), "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
        int pageNumber = positiveInt(ctx.queryParam("pageNumber"), "pageNumber", 1);
        Set<String> ids = new LinkedHashSet<>(ctx.queryParams("id"));
        List<EmulatedQueue> matching = ids.isEmpty()
                ? catalog.visible()
                : catalog.visible().stream().filter(q -> ids.contains(q.idString())).toList();

        int total = matching.size();
        int pageCount = (total + pageSize - 1) / pageSize;
        long from = Math.min((long) (pageNumber - 1) * pageSize, total);
        int to = (int) Math.min(from + pageSize, total);
        List<Map<String, Object>> entities = matching.subList((int) from, to).stream().map(this::entity).toList();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entities", entities);
        body.put("pageSize", pageSize);
        body.put("pageNumber", pageNumber);
        body.put("total", total);
        body.put("pageCount", pageCount);
        body.put("firstUri", pageUri(pageSize, 1, ids));
        body.put("selfUri", pageUri(pageSize, pageNumber, ids));
        body.put("nextUri", pageNumber < pageCount ? pageUri(pageSize, pageNumber + 1, ids) : null);
        body.put("previousUri", pageNumber > 1 ? pageUri(pageSize, pageNumber - 1, ids) : null);
        body.put("lastUri", pageUri(pageSize, Math.max(pageCount, 1), ids));
        return body;
    }

    public Map<String, Object> one(Context ctx) {
        String id = ctx.pathParam("queueId");
        return catalog.find(id)
                .filter(q -> !q.deleted())
                .map(this::entity)
                .orElseThrow(() -> GenesysErrors.notFound("The requested queue " + id + " was not found"));
    }

    private Map<String, Object> entity(EmulatedQueue queue) {
        Map<String, Object> division = new LinkedHashMap<>();
        division.put("id", DIVISION_ID);
        division.put("name", "Home");
        division.put("selfUri", "/api/v2/authorization/divisions/" + DIVISION_ID);

        Map<String, Object> mediaSettings = new LinkedHashMap<>();
        for (MediaType media : queue.mediaTypes()) {
            mediaSettings.put(media.queueSettingsKey(), Map.of(
                    "alertingTimeoutSeconds", 8,
                    "serviceLevel", Map.of("percentage", queue.serviceLevel(media).percentage(),
                            "durationMs", queue.serviceLevel(media).durationMs())));
        }

        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", queue.idString());
        entity.put("name", queue.name());
        entity.put("division", division);
        entity.put("mediaSettings", mediaSettings);
        entity.put("memberCount", 5 + (int) (queue.volume() * 10));
        entity.put("selfUri", LIST_PATH + "/" + queue.idString());
        return entity;
    }

    private static String pageUri(int pageSize, int pageNumber, Set<String> ids) {
        StringBuilder uri = new StringBuilder(LIST_PATH)
                .append("?pageSize=").append(pageSize)
                .append("&pageNumber=").append(pageNumber);
        ids.forEach(id -> uri.append("&id=").append(URLEncoder.encode(id, StandardCharsets.UTF_8)));
        return uri.toString();
    }

    private static int positiveInt(String raw, String name, int defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the same 400 as a non-positive value
        }
        throw GenesysErrors.invalidValue("Value [" + raw + "] is not valid for field type [Integer]. "
                + name + " must be a positive integer");
    }
}
