package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;
import org.queueanalytics.emulator.queues.ServiceLevel;

/**
 * Answers a validated query at a given instant: for every matching (queue, media type) it takes
 * the contacts that may have events in the interval — those offered before its start included —
 * and files each event in the bucket of its own time, if it has posted by {@code now}
 * ({@link IngestionModel}). Future intervals are empty, the open interval is partial, and empty
 * buckets and groups are left out.
 */
public final class AggregatesEngine {
    private final QueueCatalog catalog;
    private final ContactSource source;
    private final IngestionModel ingestion;
    private final ServiceLevelOptions serviceLevelOptions;

    public AggregatesEngine(QueueCatalog catalog, ContactSource source, IngestionModel ingestion,
                            ServiceLevelOptions serviceLevelOptions) {
        this.catalog = catalog;
        this.source = source;
        this.ingestion = ingestion;
        this.serviceLevelOptions = serviceLevelOptions;
    }

    public List<GroupResult> run(AggregateQuery query, Instant now) {
        Map<Map<String, String>, GroupBuckets> groups = new LinkedHashMap<>();
        Instant to = query.end().isBefore(now) ? query.end() : now;
        for (EmulatedQueue queue : catalog.all()) {
            for (MediaType media : queue.mediaTypes()) {
                Map<String, String> dimensions = Map.of(
                        AggregateQuery.QUEUE_ID, queue.idString(), AggregateQuery.MEDIA_TYPE, media.wireName());
                if (!query.filter().matches(dimensions)) {
                    continue;
                }
                ServiceLevel serviceLevel = queue.serviceLevel(media);
                // a group mixing queues or media types shows the goal of its first member
                GroupBuckets buckets = groups.computeIfAbsent(query.groupOf(dimensions),
                        g -> new GroupBuckets(query, serviceLevel.percentage()));
                if (query.start().isBefore(to)) {
                    source.forEachContact(queue, media, query.start(), to,
                            new EventCollector(query, buckets, serviceLevel, now.toEpochMilli()));
                }
            }
        }
        List<GroupResult> results = new ArrayList<>();
        groups.forEach((group, buckets) -> {
            List<GroupResult.Bucket> data = buckets.render(serviceLevelOptions);
            if (!data.isEmpty()) {
                results.add(new GroupResult(group, data));
            }
        });
        return results;
    }

    /** Files the posted events of each contact it is given in the bucket of their time. */
    private final class EventCollector implements Consumer<Contact>, ContactEvents.Sink {
        private final GroupBuckets buckets;
        private final ServiceLevel serviceLevel;
        private final long startMs;
        private final long endMs;
        private final long nowMs;
        private Contact current;

        EventCollector(AggregateQuery query, GroupBuckets buckets, ServiceLevel serviceLevel, long nowMs) {
            this.buckets = buckets;
            this.serviceLevel = serviceLevel;
            this.startMs = query.start().toEpochMilli();
            this.endMs = query.end().toEpochMilli();
            this.nowMs = nowMs;
        }

        @Override
        public void accept(Contact contact) {
            current = contact;
            ContactEvents.emit(contact, serviceLevel, this);
        }

        @Override
        public void post(Metric metric, long atMs, long valueMs, int moment) {
            if (atMs < startMs || atMs >= endMs || !ingestion.visible(current, atMs, moment, nowMs)) {
                return;
            }
            buckets.add(atMs, metric, ingestion.postedValue(current, metric, atMs, valueMs, nowMs));
        }
    }

    /** The buckets of one result group, created on first event. */
    private static final class GroupBuckets {
        private final AggregateQuery query;
        private final double target;
        private final long startMs;
        private final long granularityMs;
        private final BucketAggregator[] buckets;

        GroupBuckets(AggregateQuery query, double target) {
            this.query = query;
            this.target = target;
            this.startMs = query.start().toEpochMilli();
            this.granularityMs = query.granularity().toMillis();
            this.buckets = new BucketAggregator[query.bucketCount()];
        }

        void add(long atMs, Metric metric, long valueMs) {
            int index = (int) ((atMs - startMs) / granularityMs);
            BucketAggregator bucket = buckets[index];
            if (bucket == null) {
                bucket = new BucketAggregator();
                buckets[index] = bucket;
            }
            bucket.add(metric, valueMs);
        }

        List<GroupResult.Bucket> render(ServiceLevelOptions options) {
            List<GroupResult.Bucket> data = new ArrayList<>();
            for (int index = 0; index < buckets.length; index++) {
                if (buckets[index] == null) {
                    continue;
                }
                Map<Metric, MetricValue> values = buckets[index].values(query.metrics(), options, target);
                if (!values.isEmpty()) {
                    Instant start = query.bucketStart(index);
                    data.add(new GroupResult.Bucket(start, start.plus(query.granularity()), values));
                }
            }
            return data;
        }
    }
}
