package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last values served per (queue id, media type, interval start, interval end). Only
 * results grouped by both queueId and mediaType are recorded, since only those identify a
 * pipeline row. Thread-safe; a later answer replaces an earlier one.
 */
public final class ServedLedger {
    private final Map<Key, Entry> last = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public void record(List<GroupResult> results, Instant servedAt) {
        for (GroupResult result : results) {
            String queueId = result.group().get(AggregateQuery.QUEUE_ID);
            String mediaType = result.group().get(AggregateQuery.MEDIA_TYPE);
            if (queueId == null || mediaType == null) {
                continue;
            }
            for (GroupResult.Bucket bucket : result.buckets()) {
                Map<String, MetricValue> metrics = new LinkedHashMap<>();
                bucket.metrics().forEach((metric, value) -> metrics.put(metric.wireName(), value));
                last.put(new Key(queueId, mediaType, bucket.start(), bucket.end()), new Entry(sequence.incrementAndGet(),
                        new ServedInterval(queueId, mediaType, bucket.start(), bucket.end(), servedAt, metrics)));
            }
        }
    }

    /** Everything served, ordered by interval start, queue id, media type. */
    public List<ServedInterval> all() {
        List<ServedInterval> all = new ArrayList<>(last.values().stream().map(Entry::served).toList());
        all.sort(Comparator.comparing(ServedInterval::intervalStart)
                .thenComparing(ServedInterval::queueId)
                .thenComparing(ServedInterval::mediaType)
                .thenComparing(ServedInterval::intervalEnd));
        return all;
    }

    /**
     * The last answer for a bucket starting at {@code intervalStart}; when buckets of several
     * granularities start there, the one answered last.
     */
    public Optional<ServedInterval> find(String queueId, String mediaType, Instant intervalStart) {
        return last.entrySet().stream()
                .filter(e -> e.getKey().queueId().equals(queueId) && e.getKey().mediaType().equals(mediaType)
                        && e.getKey().start().equals(intervalStart))
                .map(Map.Entry::getValue)
                .max(Comparator.comparingLong(Entry::sequence))
                .map(Entry::served);
    }

    /** The last answer for exactly the bucket {@code [intervalStart, intervalEnd)}. */
    public Optional<ServedInterval> find(String queueId, String mediaType, Instant intervalStart, Instant intervalEnd) {
        return Optional.ofNullable(last.get(new Key(queueId, mediaType, intervalStart, intervalEnd))).map(Entry::served);
    }

    public void clear() {
        last.clear();
    }

    private record Key(String queueId, String mediaType, Instant start, Instant end) {
    }

    private record Entry(long sequence, ServedInterval served) {
    }
}
