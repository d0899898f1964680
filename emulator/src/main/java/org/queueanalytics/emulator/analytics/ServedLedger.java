package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last values served per (queue id, media type, interval start, interval end). Only
 * results grouped by both queueId and mediaType are recorded, since only those identify a
 * pipeline row. Thread-safe; a later answer replaces an earlier one.
 */
public final class ServedLedger {
    private final Map<Key, ServedInterval> last = new ConcurrentHashMap<>();

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
                last.put(new Key(queueId, mediaType, bucket.start(), bucket.end()),
                        new ServedInterval(queueId, mediaType, bucket.start(), bucket.end(), servedAt, metrics));
            }
        }
    }

    /** Everything served, ordered by interval start, queue id, media type. */
    public List<ServedInterval> all() {
        List<ServedInterval> all = new ArrayList<>(last.values());
        all.sort(Comparator.comparing(ServedInterval::intervalStart)
                .thenComparing(ServedInterval::queueId)
                .thenComparing(ServedInterval::mediaType)
                .thenComparing(ServedInterval::intervalEnd));
        return all;
    }

    /**
     * The last answer for a bucket starting at {@code intervalStart}; when buckets of several
     * granularities start there, the most recently served one.
     */
    public Optional<ServedInterval> find(String queueId, String mediaType, Instant intervalStart) {
        return last.values().stream()
                .filter(s -> s.queueId().equals(queueId) && s.mediaType().equals(mediaType)
                        && s.intervalStart().equals(intervalStart))
                .max(Comparator.comparing(ServedInterval::servedAt));
    }

    public void clear() {
        last.clear();
    }

    private record Key(String queueId, String mediaType, Instant start, Instant end) {
    }
}
