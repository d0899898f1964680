package org.queueanalytics.emulator.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the events posted in one bucket and renders them sparsely: a metric without a
 * value is absent. A bucket holds whatever happened in it — answers of contacts offered earlier,
 * talk that ends here — so answered may exceed offered and a bucket may hold only
 * end-of-segment metrics. Not thread-safe: one per bucket per query.
 */
final class BucketAggregator {
    private static final int METRICS = Metric.values().length;

    private final long[] count = new long[METRICS];
    private final long[] sum = new long[METRICS];
    private final long[] min = new long[METRICS];
    private final long[] max = new long[METRICS];

    void add(Metric metric, long valueMs) {
        int i = metric.ordinal();
        if (count[i] == 0) {
            min[i] = valueMs;
            max[i] = valueMs;
        } else {
            min[i] = Math.min(min[i], valueMs);
            max[i] = Math.max(max[i], valueMs);
        }
        count[i]++;
        sum[i] += valueMs;
    }

    /**
     * The requested metrics that have a value, in request order; empty when none has.
     * {@code oServiceLevel} needs an SL denominator event here; {@code oServiceTarget} — the
     * configured goal, not an event — accompanies every bucket that has another requested metric.
     */
    Map<Metric, MetricValue> values(List<Metric> requested, ServiceLevelOptions options, double target) {
        Map<Metric, MetricValue> values = new LinkedHashMap<>();
        boolean anyEvent = false;
        for (Metric metric : requested) {
            MetricValue value = switch (metric) {
                case O_SERVICE_LEVEL -> serviceLevel(options, target);
                case O_SERVICE_TARGET -> new MetricValue.Target(target);
                default -> plain(metric);
            };
            if (value != null) {
                values.put(metric, value);
                anyEvent |= metric != Metric.O_SERVICE_TARGET;
            }
        }
        if (!anyEvent) {
            return Map.of();
        }
        return values;
    }

    private MetricValue plain(Metric metric) {
        int i = metric.ordinal();
        if (count[i] == 0) {
            return null;
        }
        return metric.isCount()
                ? new MetricValue.Count(count[i])
                : new MetricValue.Timer(max[i], min[i], count[i], sum[i]);
    }

    private MetricValue serviceLevel(ServiceLevelOptions options, double target) {
        long answered = count(Metric.T_ANSWERED);
        long denominator = answered + count(Metric.T_ABANDON)
                + (options.flowOutsCount() ? count(Metric.T_FLOW_OUT) : 0)
                - (options.shortAbandonsExcluded() ? count(Metric.T_SHORT_ABANDON) : 0);
        if (denominator <= 0) {
            return null;
        }
        long numerator = answered - count(Metric.N_OVER_SLA);
        return new MetricValue.Ratio((double) numerator / denominator, numerator, denominator, target);
    }

    long count(Metric metric) {
        return count[metric.ordinal()];
    }

    long sum(Metric metric) {
        return sum[metric.ordinal()];
    }
}
