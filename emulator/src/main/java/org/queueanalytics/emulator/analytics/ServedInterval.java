package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the emulator last answered for one (queue, media type, bucket): exactly the metrics it
 * sent, keyed by Genesys metric name (absent = not sent). Every metric counts in the bucket of
 * its own event, so within one bucket answered may exceed offered and a bucket may hold only
 * end-of-segment metrics. End-to-end tests compare stored rows with these values.
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

    /** {@code stats.max} (ms) of a timer metric; empty when it was not sent. */
    public OptionalLong max(String metric) {
        return metric(metric).map(MetricValue::max).orElse(OptionalLong.empty());
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

    public long shortAbandoned() {
        return count("tShortAbandon");
    }

    public long flowedOut() {
        return count("tFlowOut");
    }

    public long overSla() {
        return count("nOverSla");
    }

    public long connected() {
        return count("nConnected");
    }

    public long outbound() {
        return count("nOutbound");
    }

    public long transferred() {
        return count("nTransferred");
    }

    public long blindTransferred() {
        return count("nBlindTransferred");
    }

    public long consults() {
        return count("nConsult");
    }

    public long consultTransferred() {
        return count("nConsultTransferred");
    }

    public long errors() {
        return count("nError");
    }

    /** Waits that ended here (answer, abandon or flow-out): {@code tWait.count}. */
    public long waitCount() {
        return count("tWait");
    }

    /** The longest wait that ended here ({@code tWait.max}, ms); null when no wait ended. */
    public Long longestWaitMs() {
        OptionalLong max = max("tWait");
        return max.isPresent() ? max.getAsLong() : null;
    }

    public long handleMs() {
        return sum("tHandle");
    }

    public long talkCompleteMs() {
        return sum("tTalkComplete");
    }

    public long heldCompleteMs() {
        return sum("tHeldComplete");
    }

    public long acwMs() {
        return sum("tAcw");
    }

    public long alertMs() {
        return sum("tAlert");
    }

    public long notRespondingMs() {
        return sum("tNotResponding");
    }

    public long acdMs() {
        return sum("tAcd");
    }

    public long voicemailMs() {
        return sum("tVoicemail");
    }

    /**
     * 100 × {@code oServiceLevel.ratio}; null when no ratio was sent (no answer or abandon in
     * this bucket) — the pipeline stores NULL then, never 0.
     */
    public Double serviceLevelPct() {
        return metric("oServiceLevel")
                .filter(MetricValue.Ratio.class::isInstance)
                .map(v -> 100.0 * ((MetricValue.Ratio) v).ratio())
                .orElse(null);
    }

    /** 100 × {@code oServiceTarget.target}, the configured goal; null when it was not sent. */
    public Double serviceTargetPct() {
        return metric("oServiceTarget")
                .filter(MetricValue.Target.class::isInstance)
                .map(v -> 100.0 * ((MetricValue.Target) v).target())
                .orElse(null);
    }
}
