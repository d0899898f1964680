package org.queueanalytics.emulator.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;

/** Runs the aggregates engine directly (no HTTP) over a catalog and a contact source. */
record EngineFixture(QueueCatalog catalog, ContactSource source, IngestionModel ingestion, ServiceLevelOptions options) {

    /** One queue whose voice contacts are exactly {@code contacts} (other media: none). */
    static EngineFixture voiceContacts(List<Contact> contacts, ServiceLevelOptions options) {
        return withContacts(MediaType.VOICE, contacts, options);
    }

    static EngineFixture withContacts(MediaType media, List<Contact> contacts, ServiceLevelOptions options) {
        EmulatedQueue generated = QueueCatalog.generate(1, 1, 0).all().get(0);
        QueueCatalog catalog = QueueCatalog.of(List.of(new EmulatedQueue(generated.id(), generated.name(),
                List.of(MediaType.values()), false, 1.0, generated.serviceLevels())));
        ContactSource source = (queue, type, from, to, action) -> {
            if (type == media) {
                contacts.forEach(action);
            }
        };
        return new EngineFixture(catalog, source, IngestionModel.IMMEDIATE, options);
    }

    static EngineFixture generated(int queues, long seed, IngestionModel ingestion) {
        return new EngineFixture(QueueCatalog.generate(seed, queues, 0), new ContactGenerator(seed), ingestion,
                ServiceLevelOptions.DEFAULT);
    }

    EmulatedQueue queue() {
        return catalog.all().get(0);
    }

    List<GroupResult> run(String start, String end, Duration granularity, Instant now) {
        return run(Instant.parse(start), Instant.parse(end), granularity, now);
    }

    List<GroupResult> run(Instant start, Instant end, Duration granularity, Instant now) {
        AggregateQuery query = new AggregateQuery(start, end, granularity, ZoneOffset.UTC,
                List.of(AggregateQuery.QUEUE_ID, AggregateQuery.MEDIA_TYPE), QueryFilter.matchAll(),
                Arrays.asList(Metric.values()));
        return new AggregatesEngine(catalog, source, ingestion, options).run(query, now);
    }

    /** Bucket start → metric name → value, for a one-group answer. */
    static Map<Instant, Map<String, MetricValue>> byBucket(List<GroupResult> results) {
        Map<Instant, Map<String, MetricValue>> buckets = new LinkedHashMap<>();
        results.forEach(r -> r.buckets().forEach(b -> {
            Map<String, MetricValue> metrics = new LinkedHashMap<>();
            b.metrics().forEach((metric, value) -> metrics.put(metric.wireName(), value));
            buckets.put(b.start(), metrics);
        }));
        return buckets;
    }

    static List<GroupResult.Bucket> allBuckets(List<GroupResult> results) {
        List<GroupResult.Bucket> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.buckets()));
        return all;
    }

    static long totalCount(List<GroupResult> results, Metric metric) {
        return allBuckets(results).stream().map(b -> b.metrics().get(metric)).filter(v -> v != null)
                .mapToLong(MetricValue::count).sum();
    }

    static long totalSum(List<GroupResult> results, Metric metric) {
        return allBuckets(results).stream().map(b -> b.metrics().get(metric)).filter(v -> v != null)
                .mapToLong(MetricValue::sum).sum();
    }
}
