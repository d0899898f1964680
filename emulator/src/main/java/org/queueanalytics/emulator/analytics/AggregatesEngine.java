package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;

/**
 * Answers a validated query at a given instant: generates the contacts of every matching
 * (queue, media type) in the interval, buckets them by offer time and keeps what has posted.
 * Future intervals are empty, the open interval is partial, and empty buckets and groups are
 * left out.
 */
public final class AggregatesEngine {
    private final QueueCatalog catalog;
    private final ContactGenerator generator;
    private final boolean growth;

    public AggregatesEngine(QueueCatalog catalog, ContactGenerator generator, boolean growth) {
        this.catalog = catalog;
        this.generator = generator;
        this.growth = growth;
    }

    public List<GroupResult> run(AggregateQuery query, Instant now) {
        Visibility visibility = new Visibility(now, growth);
        Map<Map<String, String>, Map<Integer, BucketAggregator>> groups = new LinkedHashMap<>();
        for (EmulatedQueue queue : catalog.all()) {
            for (MediaType media : queue.mediaTypes()) {
                Map<String, String> dimensions = Map.of(
                        AggregateQuery.QUEUE_ID, queue.idString(), AggregateQuery.MEDIA_TYPE, media.wireName());
                if (query.filter().matches(dimensions)) {
                    Map<Integer, BucketAggregator> buckets =
                            groups.computeIfAbsent(query.groupOf(dimensions), g -> new TreeMap<>());
                    collect(query, queue, media, visibility, buckets);
                }
            }
        }
        List<GroupResult> results = new ArrayList<>();
        groups.forEach((group, buckets) -> {
            List<GroupResult.Bucket> data = render(query, buckets);
            if (!data.isEmpty()) {
                results.add(new GroupResult(group, data));
            }
        });
        return results;
    }

    private void collect(AggregateQuery query, EmulatedQueue queue, MediaType media, Visibility visibility,
                         Map<Integer, BucketAggregator> buckets) {
        Instant last = query.end().isBefore(visibility.now()) ? query.end() : visibility.now();
        for (Instant slot = ContactGenerator.slotOf(query.start()); slot.isBefore(last);
                slot = slot.plus(ContactGenerator.SLOT)) {
            for (Contact contact : generator.contacts(queue, media, slot)) {
                Instant offered = contact.offeredAt();
                if (!offered.isBefore(query.start()) && offered.isBefore(query.end()) && visibility.offered(contact)) {
                    buckets.computeIfAbsent(query.bucketIndex(offered), i -> new BucketAggregator()).add(contact, visibility);
                }
            }
        }
    }

    private static List<GroupResult.Bucket> render(AggregateQuery query, Map<Integer, BucketAggregator> buckets) {
        List<GroupResult.Bucket> data = new ArrayList<>();
        buckets.forEach((index, aggregator) -> {
            Map<Metric, MetricValue> values = aggregator.values(query.metrics());
            if (!values.isEmpty()) {
                Instant start = query.bucketStart(index);
                data.add(new GroupResult.Bucket(start, start.plus(query.granularity()), values));
            }
        });
        return data;
    }
}
