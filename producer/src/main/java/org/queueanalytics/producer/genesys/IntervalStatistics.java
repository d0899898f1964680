package org.queueanalytics.producer.genesys;

import java.util.List;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.planning.TimeWindow;

/** The interval statistics of some queues over one window (implemented by {@link AggregatesClient}). */
@FunctionalInterface
public interface IntervalStatistics {
    List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) throws GenesysException, InterruptedException;

    /**
     * The result groups the fetches since the last call skipped for a missing dimension (and
     * published nothing for), then counting starts again. Asked once per poll, to log them once.
     */
    default SkippedGroups takeSkippedGroups() {
        return SkippedGroups.NONE;
    }
}
