package org.queueanalytics.emulator.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The {@code stats} object of one metric in one bucket, as served. */
public sealed interface MetricValue permits MetricValue.Count, MetricValue.Timer, MetricValue.Ratio, MetricValue.Target {

    /** The wire form, in the field order Genesys uses. */
    Map<String, Object> stats();

    /** {@code count} of the stats (0 for a ratio or a target). */
    long count();

    /** {@code sum} of the stats in milliseconds (0 for counters, ratios and targets). */
    long sum();

    /** {@code max} of a timer in milliseconds; empty for other shapes. */
    default OptionalLong max() {
        return OptionalLong.empty();
    }

    /** {@code min} of a timer in milliseconds; empty for other shapes. */
    default OptionalLong min() {
        return OptionalLong.empty();
    }

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
    record Timer(long maxMs, long minMs, long count, long sum) implements MetricValue {
        @Override
        public Map<String, Object> stats() {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("max", maxMs);
            stats.put("min", minMs);
            stats.put("count", count);
            stats.put("sum", sum);
            return stats;
        }

        @Override
        public OptionalLong max() {
            return OptionalLong.of(maxMs);
        }

        @Override
        public OptionalLong min() {
            return OptionalLong.of(minMs);
        }
    }

    /** {@code oServiceLevel}: answered within the goal over the SL denominator. */
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

    /** {@code oServiceTarget}: the configured goal, {@code {"target":0.8}} — configuration, not an event. */
    record Target(double target) implements MetricValue {
        @Override
        public Map<String, Object> stats() {
            return Map.of("target", target);
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
