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
 * {@link AggregatesQuery#MAX_PREDICATES} predicates).
 *
 * <p>Only a refusal as too large ({@link GenesysRequestRejectedException#queryTooLarge()}: a 413, or
 * a 400 that says so) splits the batch in halves, each half asked for again. Any other 400 — and a
 * single queue still too large — is a {@link GenesysQueryRejectedException}: the window stops there,
 * nothing is split and no queue is blamed (splitting a malformed query only multiplies the same
 * refusal). Other refusals (404, …) surface as they are.
 *
 * <p>Result groups without a dimension are skipped by the mapper; each is told to the
 * {@link GroupSkipListener} given (the metrics) and counted until {@link #takeSkippedGroups()}.
 */
public final class AggregatesClient implements IntervalStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(AggregatesClient.class);

    private final GenesysHttpClient client;
    private final Duration granularity;
    private final List<String> mediaTypes;
    private final Clock clock;
    private final SkippedGroupTally skipped;

    public AggregatesClient(GenesysHttpClient client, Duration granularity, List<String> mediaTypes, Clock clock) {
        this(client, granularity, mediaTypes, clock, GroupSkipListener.NONE);
    }

    /** @param skipListener told about every result group skipped for a missing dimension (e.g. the metrics) */
    public AggregatesClient(GenesysHttpClient client, Duration granularity, List<String> mediaTypes, Clock clock,
                            GroupSkipListener skipListener) {
        this.client = Objects.requireNonNull(client, "client");
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.mediaTypes = List.copyOf(mediaTypes);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skipped = new SkippedGroupTally(Objects.requireNonNull(skipListener, "skipListener"));
    }

    @Override
    public SkippedGroups takeSkippedGroups() {
        return skipped.take();
    }

    @Override
    public List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) throws GenesysException, InterruptedException {
        Map<String, String> names = new HashMap<>();
        queues.forEach(q -> names.put(q.id(), q.name()));
        AggregatesResponseMapper mapper = new AggregatesResponseMapper(id -> names.getOrDefault(id, id), granularity.toString(),
                skipped);
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
            answer = client.send(ApiCall.post(AggregatesQuery.PATH, query.toJson().toString(), ApiCall.AGGREGATES_PERMISSION,
                    AnswerShape.AGGREGATES));
        } catch (GenesysRequestRejectedException e) {
            if (e.status() == 400 && !e.queryTooLarge()) {
                throw new GenesysQueryRejectedException(query, e, "not as too large, so it was not split");
            }
            if (!e.queryTooLarge()) {
                throw e;
            }
            List<String> ids = query.queueIds();
            if (ids.size() == 1) {
                throw new GenesysQueryRejectedException(query, e, "as too large even for a single queue");
            }
            int half = ids.size() / 2;
            LOG.warn("Genesys Cloud refused an aggregates query for {} queues as too large (HTTP {}: {}); splitting it into {} + {}",
                    ids.size(), e.status(), e.genesysMessage(), half, ids.size() - half);
            query(query.withQueues(ids.subList(0, half)), mapper, into);
            query(query.withQueues(ids.subList(half, ids.size())), mapper, into);
            return;
        }
        into.addAll(mapper.map(answer, clock.instant()));
    }
}
