package org.queueanalytics.producer.observations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.Queue;

/**
 * Fetches one snapshot of live queue state through the producer's {@link GenesysHttpClient} — the
 * same token and request budget as interval polling: one {@link ObservationQuery} per 100 queues,
 * each sent with {@link GenesysHttpClient#tryQueryObservations} (never waits for the budget, no
 * backoff retries). Each answer is mapped with {@code observed_at} = the clock when it arrived.
 *
 * <p>The first query that finds no budget slot ends the snapshot: it and the queries after it are
 * skipped (asking the next query a moment later would only spread one snapshot over time). The
 * first failure ends it too. What was answered before stays in the result. Thread-safe.
 */
public final class ObservationsClient implements QueueObservations {
    private final GenesysHttpClient http;
    private final Clock clock;

    public ObservationsClient(GenesysHttpClient http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SnapshotFetch fetch(List<Queue> queues, List<String> metrics, int maxRequestsPerMinute) throws InterruptedException {
        Map<String, String> names = new HashMap<>();
        queues.forEach(q -> names.put(q.id(), q.name()));
        ObservationResponseMapper mapper = new ObservationResponseMapper(metrics);
        List<ObservationQuery> queries = ObservationQuery.batches(queues.stream().map(Queue::id).toList(), metrics);
        List<QueueObservationRecord> records = new ArrayList<>();
        int answered = 0;
        for (ObservationQuery query : queries) {
            try {
                Optional<JsonNode> answer = http.tryQueryObservations(query.toJson().toString(), maxRequestsPerMinute);
                if (answer.isEmpty()) {
                    return new SnapshotFetch(records, queries.size(), answered, queries.size() - answered, null);
                }
                records.addAll(mapper.map(answer.get(), id -> names.getOrDefault(id, id), clock.instant()));
                answered++;
            } catch (GenesysException e) {
                return new SnapshotFetch(records, queries.size(), answered, 0, e);
            }
        }
        return new SnapshotFetch(records, queries.size(), answered, 0, null);
    }
}
