package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the emulator last answered for one (queue, media type, bucket): exactly the metrics it
 * sent, keyed by Genesys metric name (absent = not sent, which the pipeline stores as 0).
 * End-to-end tests compare stored rows with these values.
 */
public record ServedInterval(String queueId, String mediaType, Instant intervalStart, Instant intervalEnd,
                             Instant servedAt, Map<String, MetricValue> metrics) {
    public ServedInterval {
        metrics = Map.copyOf(metrics);
    }

    public Optional<MetricValue> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** {@code stats.count} of a metric, 0 when it was not sent. */
    public long count(String metric) {
        return metric(metric).map(MetricValue::count).orElse(0L);
    }

    /** {@code stats.sum} (ms) of a timer metric, 0 when it was not sent. */
    public long sum(String metric) {
        return metric(metric).map(MetricValue::sum).orElse(0L);
    }

    public long offered() {
        return count("nOffered");
    }

    public long answered() {
        return count("tAnswered");
    }

    public long abandoned() {
        return count("tAbandon");
    }

    /** 100 × {@code oServiceLevel.ratio}, 0 when no ratio was sent (the record contract). */
    public double serviceLevelPct() {
        return metric("oServiceLevel")
                .filter(MetricValue.Ratio.class::isInstance)
                .map(v -> 100.0 * ((MetricValue.Ratio) v).ratio())
                .orElse(0.0);
    }
}
