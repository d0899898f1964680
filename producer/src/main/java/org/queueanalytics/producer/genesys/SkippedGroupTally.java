package org.queueanalytics.producer.genesys;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts skipped groups until {@link #take()} hands the count over and starts again from zero, and
 * passes each one on to another listener (the metrics). Thread-safe.
 */
final class SkippedGroupTally implements GroupSkipListener {
    private final Map<SkipReason, LongAdder> counts = new EnumMap<>(SkipReason.class);
    private final GroupSkipListener next;

    SkippedGroupTally(GroupSkipListener next) {
        this.next = next;
        for (SkipReason reason : SkipReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    @Override
    public void groupSkipped(SkipReason reason) {
        counts.get(reason).increment();
        next.groupSkipped(reason);
    }

    /** The groups skipped since the last call. */
    SkippedGroups take() {
        Map<SkipReason, Long> taken = new EnumMap<>(SkipReason.class);
        counts.forEach((reason, n) -> taken.put(reason, n.sumThenReset()));
        return new SkippedGroups(taken);
    }
}
