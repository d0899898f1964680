package org.queueanalytics.producer.genesys;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many result groups were skipped, by reason (reasons with none are left out).
 *
 * @param counts skipped groups per reason, each above 0
 */
public record SkippedGroups(Map<SkipReason, Long> counts) {
    public static final SkippedGroups NONE = new SkippedGroups(Map.of());

    public SkippedGroups {
        EnumMap<SkipReason, Long> positive = new EnumMap<>(SkipReason.class);
        counts.forEach((reason, n) -> {
            if (n > 0) {
                positive.put(reason, n);
            }
        });
        counts = Map.copyOf(positive);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** "2 missing_queue_id, 1 missing_media_type", in {@link SkipReason} order. */
    public String summary() {
        return new EnumMap<>(counts).entrySet().stream().map(e -> e.getValue() + " " + e.getKey().tag())
                .collect(Collectors.joining(", "));
    }
}
