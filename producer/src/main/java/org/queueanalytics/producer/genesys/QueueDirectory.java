package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues to poll and their names, through {@code GET /api/v2/routing/queues}.
 * <ul>
 *   <li>No configured ids: every queue the OAuth client can see, page by page
 *       ({@code pageSize=100}) until {@code pageNumber >= pageCount} (the server may cap the page
 *       size silently, so its own page count decides).</li>
 *   <li>Configured ids: their names, {@code id=} repeated, at most {@link #IDS_PER_REQUEST} per
 *       request. An id Genesys does not return (a deleted queue keeps its history) is polled
 *       anyway, with its id as its name.</li>
 * </ul>
 * Every page must carry an {@code entities} array and a {@code pageCount}
 * ({@link AnswerShape#QUEUE_PAGE}): a page without them is a
 * {@link GenesysMalformedResponseException}, never "no queues", so a truncated answer cannot empty
 * the list. Only a list whose every page was well-formed is cached; it is refreshed every
 * {@code refreshEvery}; when a refresh fails for a retryable reason (including a malformed page)
 * the previous well-formed list stays in use, and the next call asks again. Owned by the poll loop,
 * which alone fetches ({@link #queues()} is not thread-safe); {@link #known()} may be called from any
 * thread — the observation poller reads the list the poll loop fetched without sending a request.
 */
public final class QueueDirectory implements QueueSource {
    public static final Duration DEFAULT_REFRESH = Duration.ofHours(1);
    static final int IDS_PER_REQUEST = 100;
    static final int PAGE_SIZE = 100;
    /** A guard against a server that never reports the last page. */
    static final int MAX_PAGES = 10_000;
    private static final String PATH = "/api/v2/routing/queues";
    private static final Logger LOG = LoggerFactory.getLogger(QueueDirectory.class);

    private final GenesysHttpClient client;
    private final List<String> configuredIds;
    private final Clock clock;
    private final Duration refreshEvery;
    private volatile List<Queue> cached;
    private Instant fetchedAt;

    public QueueDirectory(GenesysHttpClient client, List<String> configuredIds, Clock clock, Duration refreshEvery) {
        this.client = Objects.requireNonNull(client, "client");
        this.configuredIds = List.copyOf(configuredIds);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshEvery = Objects.requireNonNull(refreshEvery, "refreshEvery");
    }

    /** The queues to poll, in a stable order, from the cache when it is fresh enough. */
    @Override
    public List<Queue> queues() throws GenesysException, InterruptedException {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(fetchedAt.plus(refreshEvery))) {
            return cached;
        }
        try {
            cached = configuredIds.isEmpty() ? discoverAll() : resolve(configuredIds);
            fetchedAt = now;
            LOG.info("Queue directory: {} queue(s) to poll", cached.size());
        } catch (TransientGenesysException e) {
            if (cached == null) {
                throw e;
            }
            LOG.warn("Cannot refresh the queue list, keeping the previous {} queue(s): {}", cached.size(), e.getMessage());
        }
        return cached;
    }

    /**
     * The last well-formed list, without asking Genesys (empty until the poll loop fetched one).
     * Thread-safe: the list is immutable and published whole.
     */
    public Optional<List<Queue>> known() {
        return Optional.ofNullable(cached);
    }

    /** The cached name of a queue, or its id when unknown (e.g. a queue deleted since). */
    public String nameOf(String queueId) {
        if (cached != null) {
            for (Queue queue : cached) {
                if (queue.id().equals(queueId)) {
                    return queue.name();
                }
            }
        }
        return queueId;
    }

    private List<Queue> discoverAll() throws GenesysException, InterruptedException {
        Map<String, String> names = fetchPages("");
        List<Queue> queues = new ArrayList<>();
        names.forEach((id, name) -> queues.add(new Queue(id, name)));
        return List.copyOf(queues);
    }

    private List<Queue> resolve(List<String> ids) throws GenesysException, InterruptedException {
        Map<String, String> names = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            StringBuilder filter = new StringBuilder();
            for (String id : ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST))) {
                filter.append("&id=").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
            }
            names.putAll(fetchPages(filter.toString()));
        }
        List<Queue> queues = new ArrayList<>();
        for (String id : ids) {
            String name = names.get(id);
            if (name == null) {
                LOG.warn("Queue {} from analytics.queue_ids is unknown to Genesys Cloud (deleted?); polling it under its id", id);
            }
            queues.add(new Queue(id, name == null ? id : name));
        }
        return List.copyOf(queues);
    }

    private Map<String, String> fetchPages(String idFilter) throws GenesysException, InterruptedException {
        Map<String, String> names = new LinkedHashMap<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode body = client.send(ApiCall.get(PATH + "?pageSize=" + PAGE_SIZE + "&pageNumber=" + page + idFilter,
                    ApiCall.QUEUES_PERMISSION, AnswerShape.QUEUE_PAGE));
            JsonNode entities = body.path("entities");
            for (JsonNode entity : entities) {
                String id = entity.path("id").asText("");
                if (!id.isEmpty()) {
                    String name = entity.path("name").asText("");
                    names.put(id, name.isEmpty() ? id : name);
                }
            }
            int pageNumber = body.path("pageNumber").asInt(page);
            int pageCount = body.get("pageCount").asInt();
            if (pageNumber >= pageCount || entities.isEmpty()) {
                break;
            }
        }
        return names;
    }
}
