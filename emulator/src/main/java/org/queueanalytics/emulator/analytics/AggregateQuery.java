package org.queueanalytics.emulator.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated conversation-aggregates query. Buckets are {@code [start + k·granularity,
 * start + (k+1)·granularity)}; the granularity divides the interval exactly.
 *
 * @param metrics the requested metrics the emulator produces (other valid names are dropped)
 */
public record AggregateQuery(Instant start, Instant end, Duration granularity, ZoneId timeZone,
                             List<String> groupBy, QueryFilter filter, List<Metric> metrics) {
    public static final String QUEUE_ID = "queueId";
    public static final String MEDIA_TYPE = "mediaType";

    public AggregateQuery {
        groupBy = List.copyOf(groupBy);
        metrics = List.copyOf(metrics);
    }

    public int bucketCount() {
        return (int) (Duration.between(start, end).toMillis() / granularity.toMillis());
    }

    public Instant bucketStart(int index) {
        return start.plus(granularity.multipliedBy(index));
    }

    public int bucketIndex(Instant instant) {
        return (int) (Duration.between(start, instant).toMillis() / granularity.toMillis());
    }

    /** The {@code group} object of a result: the grouped dimensions only, sorted by name. */
    public Map<String, String> groupOf(Map<String, String> dimensions) {
        Map<String, String> group = new TreeMap<>();
        groupBy.forEach(dimension -> group.put(dimension, dimensions.get(dimension)));
        return group;
    }
}
