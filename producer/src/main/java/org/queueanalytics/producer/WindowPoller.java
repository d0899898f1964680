package org.queueanalytics.producer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch → publish → checkpoint stage, window by window, oldest first, for one or more shards
 * that share the same windows (their queues are fetched together, so N shards cost no more requests
 * than one). A shard's checkpoint for a window is written only after {@link RecordSink#publishAll}
 * returned, i.e. after Kafka acknowledged every record of the window; any failure leaves the
 * checkpoints where they were, so the window is fetched again by the next run. A checkpoint never
 * moves backwards (a live cycle re-polls windows behind it).
 *
 * <p>Ownership: before each window, and again before each checkpoint, the poller asks whether the
 * shard is still owned. A shard revoked by a rebalance is abandoned there: records already fetched
 * may still be published (a duplicate that ClickHouse collapses), but its checkpoint stays at the
 * last window it finished, so the new owner resumes from there and nothing is skipped.
 */
final class WindowPoller {
    private static final Logger LOG = LoggerFactory.getLogger(WindowPoller.class);

    /**
     * One shard's part of a poll.
     *
     * @param checkpointId where its progress is saved
     * @param from         the checkpoint the plan started from (its own, or an enclosing shard's), or null
     * @param queues       its queues
     */
    record Slice(Shard shard, String checkpointId, Checkpoint from, List<Queue> queues) {
        Slice {
            Objects.requireNonNull(shard, "shard");
            Objects.requireNonNull(checkpointId, "checkpointId");
            queues = List.copyOf(queues);
        }
    }

    private final IntervalStatistics statistics;
    private final RecordSink sink;
    private final CheckpointStore checkpoints;
    private final IntervalPlanner planner;
    private final Clock clock;
    private final ShardOwnership shards;
    private final StatusTracker counters;

    /** Fetches from {@code statistics}, publishes and checkpoints to {@code outputs}, counts in {@code counters}. */
    WindowPoller(IntervalStatistics statistics, KafkaOutputs outputs, IntervalPlanner planner, PollingContext context,
                 StatusTracker counters) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.sink = outputs.sink();
        this.checkpoints = outputs.checkpoints();
        this.planner = Objects.requireNonNull(planner, "planner");
        this.clock = context.clock();
        this.shards = context.shards();
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * @param deepPollAt when not null, recorded as each checkpoint's last deep poll once the last
     *                   window is done (only a completed deep poll counts)
     * @return what was done; {@code polledUntil} is the lowest checkpoint of the slices
     */
    PollReport poll(List<Slice> slices, List<TimeWindow> windows, Instant deepPollAt, ProgressListener progress)
            throws GenesysException, PublishException, InterruptedException {
        Map<Slice, Checkpoint> current = new HashMap<>();
        slices.forEach(s -> current.put(s, s.from()));
        long records = 0;
        int done = 0;
        for (TimeWindow window : windows) {
            List<Slice> active = slices.stream().filter(s -> shards.owns(s.shard())).toList();
            if (active.isEmpty()) {
                LOG.info("Every shard of this poll was revoked; abandoning its windows from {} (the new owners poll them)",
                        window.start());
                break;
            }
            List<Queue> queues = active.stream().flatMap(s -> s.queues().stream()).toList();
            List<QueueIntervalRecord> fetched = queues.isEmpty() ? List.of() : statistics.fetch(queues, window);
            Instant fetchedAt = clock.instant();
            sink.publishAll(fetched);
            counters.recordsPublished().addAndGet(fetched.size());
            records += fetched.size();

            Instant windowDone = planner.polledUntil(window, fetchedAt);
            boolean last = ++done == windows.size();
            List<Shard> revoked = new ArrayList<>();
            for (Slice slice : active) {
                if (!shards.owns(slice.shard())) {
                    revoked.add(slice.shard());
                    continue;
                }
                Checkpoint previous = current.get(slice);
                Instant polledUntil = previous != null && previous.polledUntil().isAfter(windowDone) ? previous.polledUntil() : windowDone;
                Instant lastDeep = last && deepPollAt != null ? deepPollAt : previous == null ? null : previous.lastDeepPoll();
                Checkpoint next = new Checkpoint(slice.checkpointId(), polledUntil, lastDeep, clock.instant());
                checkpoints.save(next);
                current.put(slice, next);
            }
            if (!revoked.isEmpty()) {
                LOG.info("Shard(s) {} revoked while window {} was in flight: their checkpoints stay, the new owner polls on "
                        + "from there", revoked, window);
            }
            counters.windowsPolled().incrementAndGet();
            progress.windowDone(done, windows.size(), records);
        }
        Instant polledUntil = current.values().stream().filter(Objects::nonNull).map(Checkpoint::polledUntil)
                .min(Instant::compareTo).orElse(null);
        int queues = slices.stream().mapToInt(s -> s.queues().size()).sum();
        return new PollReport(done, records, queues, polledUntil);
    }
}
