package org.queueanalytics.producer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.planning.IntervalPlanner;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.CheckpointStore;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.publish.RecordSink;

/**
 * The fetch → publish → checkpoint stage, window by window, oldest first. The checkpoint of a
 * window is written only after {@link RecordSink#publishAll} returned, i.e. after Kafka
 * acknowledged every record of the window; any failure leaves the checkpoint where it was, so
 * the window is fetched again by the next run. The checkpoint never moves backwards (a live
 * cycle re-polls windows behind it).
 */
final class WindowPoller {
    private final IntervalStatistics statistics;
    private final RecordSink sink;
    private final CheckpointStore checkpoints;
    private final IntervalPlanner planner;
    private final Clock clock;
    private final AtomicLong recordsPublished;
    private final AtomicLong windowsPolled;

    WindowPoller(IntervalStatistics statistics, RecordSink sink, CheckpointStore checkpoints, IntervalPlanner planner,
                 Clock clock, AtomicLong recordsPublished, AtomicLong windowsPolled) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recordsPublished = recordsPublished;
        this.windowsPolled = windowsPolled;
    }

    /**
     * @param deepPollAt when not null, recorded as the checkpoint's last deep poll once the last
     *                   window is done (only a completed deep poll counts)
     */
    PollReport poll(List<Queue> queues, List<TimeWindow> windows, String checkpointId, Instant deepPollAt,
                    ProgressListener progress) throws GenesysException, PublishException, InterruptedException {
        Checkpoint current = checkpoints.get(checkpointId).orElse(null);
        long records = 0;
        int done = 0;
        for (TimeWindow window : windows) {
            List<QueueIntervalRecord> fetched = queues.isEmpty() ? List.of() : statistics.fetch(queues, window);
            Instant fetchedAt = clock.instant();
            sink.publishAll(fetched);
            recordsPublished.addAndGet(fetched.size());
            records += fetched.size();

            Instant polledUntil = planner.polledUntil(window, fetchedAt);
            if (current != null && current.polledUntil().isAfter(polledUntil)) {
                polledUntil = current.polledUntil();
            }
            boolean last = ++done == windows.size();
            Instant lastDeep = last && deepPollAt != null ? deepPollAt : current == null ? null : current.lastDeepPoll();
            current = new Checkpoint(checkpointId, polledUntil, lastDeep, clock.instant());
            checkpoints.save(current);
            windowsPolled.incrementAndGet();
            progress.windowDone(done, windows.size(), records);
        }
        return new PollReport(done, records, queues.size(), current == null ? null : current.polledUntil());
    }
}
