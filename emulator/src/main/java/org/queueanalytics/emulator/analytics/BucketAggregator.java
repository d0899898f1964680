package org.queueanalytics.emulator.analytics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the posted metrics of the contacts of one bucket and renders them sparsely:
 * a metric without a value is absent. Invariants follow from the per-contact rules:
 * answered + abandoned + flow-outs ≤ offered, short abandons ⊆ abandons, over-SLA ⊆ answered,
 * tHandle = tTalkComplete + tHeldComplete + tAcw. Not thread-safe: one per bucket per query.
 */
final class BucketAggregator {
    /** Answered after this wait counts in {@code nOverSla}. */
    static final long SERVICE_LEVEL_MS = 20_000;
    /** Abandoned before this wait counts in {@code tShortAbandon}. */
    static final long SHORT_ABANDON_MS = 10_000;
    static final double SERVICE_LEVEL_TARGET = 0.8;

    private final Map<Metric, Accumulator> accumulators = new EnumMap<>(Metric.class);

    void add(Contact contact, Visibility visibility) {
        if (!visibility.offered(contact)) {
            return;
        }
        add(Metric.N_OFFERED, 0);
        if (visibility.posted(contact, contact.waitEndedAt())) {
            addWaitEnd(contact);
        }
        if (contact.outcome() == Contact.Outcome.ANSWERED && visibility.posted(contact, contact.completedAt())) {
            add(Metric.T_TALK_COMPLETE, contact.talkMs());
            if (contact.heldMs() > 0) {
                add(Metric.T_HELD_COMPLETE, contact.heldMs());
            }
            add(Metric.T_ACW, contact.acwMs());
            add(Metric.T_HANDLE, contact.handleMs());
            if (contact.transferred()) {
                add(Metric.N_TRANSFERRED, 0);
            }
        }
    }

    private void addWaitEnd(Contact contact) {
        long wait = contact.waitMs();
        add(Metric.T_WAIT, wait);
        switch (contact.outcome()) {
            case ANSWERED -> {
                add(Metric.T_ANSWERED, wait);
                if (wait > SERVICE_LEVEL_MS) {
                    add(Metric.N_OVER_SLA, 0);
                }
            }
            case ABANDONED -> {
                add(Metric.T_ABANDON, wait);
                if (wait < SHORT_ABANDON_MS) {
                    add(Metric.T_SHORT_ABANDON, wait);
                }
            }
            case FLOWED_OUT -> add(Metric.T_FLOW_OUT, wait);
        }
    }

    private void add(Metric metric, long valueMs) {
        accumulators.computeIfAbsent(metric, m -> new Accumulator()).add(valueMs);
    }

    /** The requested metrics that have a value, in request order; empty when the bucket has none. */
    Map<Metric, MetricValue> values(List<Metric> requested) {
        Map<Metric, MetricValue> values = new LinkedHashMap<>();
        for (Metric metric : requested) {
            MetricValue value = metric == Metric.O_SERVICE_LEVEL ? serviceLevel() : plain(metric);
            if (value != null) {
                values.put(metric, value);
            }
        }
        return values;
    }

    private MetricValue plain(Metric metric) {
        Accumulator acc = accumulators.get(metric);
        if (acc == null) {
            return null;
        }
        return metric.wireName().startsWith("n")
                ? new MetricValue.Count(acc.count)
                : new MetricValue.Timer(acc.max, acc.min, acc.count, acc.sum);
    }

    private MetricValue serviceLevel() {
        long answered = count(Metric.T_ANSWERED);
        long denominator = answered + count(Metric.T_ABANDON);
        if (denominator == 0) {
            return null;
        }
        long numerator = answered - count(Metric.N_OVER_SLA);
        return new MetricValue.Ratio((double) numerator / denominator, numerator, denominator, SERVICE_LEVEL_TARGET);
    }

    private long count(Metric metric) {
        Accumulator acc = accumulators.get(metric);
        return acc == null ? 0 : acc.count;
    }

    private static final class Accumulator {
        private long count;
        private long sum;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;

        void add(long value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }
}
