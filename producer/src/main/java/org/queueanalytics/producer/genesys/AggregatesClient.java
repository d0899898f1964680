package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.planning.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the interval statistics of some queues for one window: one aggregates query per
 * {@link AggregatesQuery#maxQueues batch} (as many queues as fit next to the media types in
 * {@link AggregatesQuery#MAX_PREDICATES} predicates). When Genesys refuses a query as too large or invalid
 * (400/413), the batch is split in halves and each half is asked for again; a single queue that is
 * still refused is reported as {@link GenesysQueueRejectedException} naming it.
 */
public final class AggregatesClient implements IntervalStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(AggregatesClient.class);

    private final GenesysHttpClient client;
    private final Duration granularity;
    private final List<String> mediaTypes;
    private final Clock clock;

    public AggregatesClient(GenesysHttpClient client, Duration granularity, List<String> mediaTypes, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.mediaTypes = List.copyOf(mediaTypes);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) throws GenesysException, InterruptedException {
        Map<String, String> names = new HashMap<>();
        queues.forEach(q -> names.put(q.id(), q.name()));
        AggregatesResponseMapper mapper = new AggregatesResponseMapper(id -> names.getOrDefault(id, id), granularity.toString());
        List<QueueIntervalRecord> records = new ArrayList<>();
        int batch = AggregatesQuery.maxQueues(mediaTypes.size());
        for (int from = 0; from < queues.size(); from += batch) {
            List<String> ids = queues.subList(from, Math.min(queues.size(), from + batch))
                    .stream().map(Queue::id).toList();
            query(new AggregatesQuery(ids, window, granularity, mediaTypes), mapper, records);
        }
        return records;
    }

    private void query(AggregatesQuery query, AggregatesResponseMapper mapper, List<QueueIntervalRecord> into)
            throws GenesysException, InterruptedException {
        JsonNode answer;
        try {
            answer = client.send(ApiCall.post(AggregatesQuery.PATH, query.toJson().toString(), ApiCall.AGGREGATES_PERMISSION));
        } catch (GenesysRequestRejectedException e) {
            if (!e.queryTooLarge()) {
                throw e;
            }
            List<String> ids = query.queueIds();
            if (ids.size() == 1) {
                throw new GenesysQueueRejectedException(ids.get(0), e);
            }
            int half = ids.size() / 2;
            LOG.warn("Genesys Cloud refused an aggregates query for {} queues (HTTP {}); splitting it into {} + {}",
                    ids.size(), e.status(), half, ids.size() - half);
            query(query.withQueues(ids.subList(0, half)), mapper, into);
            query(query.withQueues(ids.subList(half, ids.size())), mapper, into);
            return;
        }
        into.addAll(mapper.map(answer, clock.instant()));
    }
}
