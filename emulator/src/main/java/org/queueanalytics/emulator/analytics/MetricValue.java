package org.queueanalytics.emulator.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code stats} object of one metric in one bucket, as served. */
public sealed interface MetricValue permits MetricValue.Count, MetricValue.Timer, MetricValue.Ratio {

    /** The wire form, in the field order Genesys uses. */
    Map<String, Object> stats();

    /** {@code count} of the stats (0 for a ratio). */
    long count();

    /** {@code sum} of the stats in milliseconds (0 for counters and ratios). */
    long sum();

    /** An {@code n*} metric: {@code {"count":N}}. */
    record Count(long count) implements MetricValue {
        @Override
        public Map<String, Object> stats() {
            return Map.of("count", count);
        }

        @Override
        public long sum() {
            return 0;
        }
    }

    /** A {@code t*} metric: durations in milliseconds. */
    record Timer(long max, long min, long count, long sum) implements MetricValue {
        @Override
        public Map<String, Object> stats() {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("max", max);
            stats.put("min", min);
            stats.put("count", count);
            stats.put("sum", sum);
            return stats;
        }
    }

    /** An {@code o*} ratio metric such as {@code oServiceLevel}. */
    record Ratio(double ratio, long numerator, long denominator, double target) implements MetricValue {
        @Override
        public Map<String, Object> stats() {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("ratio", ratio);
            stats.put("numerator", numerator);
            stats.put("denominator", denominator);
            stats.put("target", target);
            return stats;
        }

        @Override
        public long count() {
            return 0;
        }

        @Override
        public long sum() {
            return 0;
        }
    }
}
