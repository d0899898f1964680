package org.queueanalytics.consumer.dlq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a dlq-replay run read and re-published (or, dry, would have): counts per reason and a few keys each. */
public final class ReplaySummary {
    static final int KEYS_PER_REASON = 5;

    private final boolean dryRun;
    private final Map<String, Long> published = new TreeMap<>();
    private final Map<String, List<String>> keys = new TreeMap<>();
    /** Letters published to another data topic than the summary's (their original topic), by topic. */
    private final Map<String, Long> elsewhere = new TreeMap<>();
    private long read;
    private long otherReason;
    private long alreadyReplayed;

    public ReplaySummary(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void read() {
        read++;
    }

    void otherReason() {
        otherReason++;
    }

    void alreadyReplayed() {
        alreadyReplayed++;
    }

    void publish(String reason, String key) {
        publish(reason, key, null);
    }

    /** {@code otherTopic}: the data topic it goes to when not the summary's, else null. */
    void publish(String reason, String key, String otherTopic) {
        if (otherTopic != null) {
            elsewhere.merge(otherTopic, 1L, Long::sum);
        }
        published.merge(reason, 1L, Long::sum);
        List<String> list = keys.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < KEYS_PER_REASON) {
            list.add(key);
        }
    }

    public long published() {
        return published.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> publishedByReason() {
        return Map.copyOf(published);
    }

    public long alreadyReplayedCount() {
        return alreadyReplayed;
    }

    public String toText(String dlqTopic, String topic) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("dlq-replay%s: %d dead letter(s) read from %s, %d of another reason, %d already re-published earlier%n",
                dryRun ? " (dry run, nothing published)" : "", read, dlqTopic, otherReason, alreadyReplayed));
        b.append(String.format("%s %d to %s%n", dryRun ? "would publish" : "published", published(), topic));
        elsewhere.forEach((other, n) -> b.append(String.format("  of them %d to %s (their original topic)%n", n, other)));
        published.forEach((reason, n) -> b.append(String.format("  %-28s %d  e.g. keys %s%n", reason, n, keys.get(reason))));
        return b.toString();
    }
}
