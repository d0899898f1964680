package org.queueanalytics.producer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.genesys.SkippedGroups;
import org.queueanalytics.producer.planning.CyclePlan;
import org.queueanalytics.producer.planning.IntervalPlanner;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.OwnedShards;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll over the shards a cycle owns: plans each shard from its own checkpoint, groups the
 * shards whose plans agree so their queues are fetched together, and hands each group to
 * {@link WindowPoller}. Kept apart from {@link ProducerService} so that how a cycle is planned and
 * polled changes independently of when cycles run, how they stop and what a failure means there.
 *
 * <p>It owns the Kafka outputs: it opens them on the first poll (so a broker that starts later is
 * fine) and, after a rebalance, reads the checkpoints again, because a shard taken over was advanced
 * by its previous owner. Not thread-safe: the service runs one poll at a time (under its run lock)
 * and closes {@link #outputs()} only once no poll is running any more.
 */
final class CycleRunner {
    /** The service's logger: these lines are the service's progress, and operators look for them under its name. */
    private static final Logger LOG = LoggerFactory.getLogger(ProducerService.class);

    private final PollingContext context;
    private final Clock clock;
    private final ShardOwnership shards;
    private final GenesysInputs genesys;
    private final KafkaOutputs.Opener outputsOpener;
    private final IntervalPlanner planner;
    private final StatusTracker status;

    private volatile KafkaOutputs outputs;
    /** The ownership generation the checkpoints in memory were read at. */
    private long checkpointsReadAt;

    CycleRunner(IntervalPlanner planner, PollingContext context, GenesysInputs genesys, KafkaOutputs.Opener outputsOpener,
                StatusTracker status) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = context.clock();
        this.shards = context.shards();
        this.genesys = Objects.requireNonNull(genesys, "genesys");
        this.outputsOpener = Objects.requireNonNull(outputsOpener, "outputsOpener");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** The Kafka outputs if a poll opened them yet, else null. */
    KafkaOutputs outputs() {
        return outputs;
    }

    /** A live cycle of {@code owned}: lookback, daily deep re-poll, catch-up from each shard's checkpoint. */
    PollReport live(OwnedShards owned) throws GenesysException, PublishException, InterruptedException {
        KafkaOutputs out = open(owned);
        Map<PlanKey, List<WindowPoller.Slice>> groups = new LinkedHashMap<>();
        Map<PlanKey, Instant> plannedAt = new LinkedHashMap<>();
        for (Shard shard : sorted(owned)) {
            String id = Checkpoint.liveId(shard);
            Optional<Checkpoint> checkpoint = out.checkpoints().live(shard);
            CyclePlan plan = planner.planLive(checkpoint.map(Checkpoint::polledUntil).orElse(null),
                    checkpoint.map(Checkpoint::lastDeepPoll).orElse(null));
            if (plan.catchUpLimitedTo() != null) {
                LOG.warn("Checkpoint {} is older than the maximum catch-up; polling from {} only. "
                        + "Run 'producer backfill --from {} --to {}' to fill the gap",
                        checkpoint.get().id(), plan.catchUpLimitedTo(), checkpoint.get().polledUntil(), plan.catchUpLimitedTo());
            }
            if (checkpoint.isPresent() && !checkpoint.get().id().equals(id)) {
                LOG.info("Shard {} has no checkpoint of its own yet: it starts from {} ({}), which holds all its queues",
                        shard, checkpoint.get().id(), checkpoint.get().polledUntil());
            }
            PlanKey key = new PlanKey(plan.windows(), plan.deepPoll());
            plannedAt.putIfAbsent(key, plan.plannedAt());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new WindowPoller.Slice(shard, id, checkpoint.orElse(null), List.of()));
        }
        List<ShardGroup> polls = new ArrayList<>();
        groups.forEach((key, slices) -> polls.add(new ShardGroup(key.windows(), key.deepPoll() ? plannedAt.get(key) : null, slices)));
        return poll(out, polls, ProgressListener.NONE);
    }

    /**
     * {@code [from, to)} for {@code owned}, each shard resuming after its own checkpoint for that
     * range. Does not touch the live checkpoints.
     */
    PollReport range(Instant from, Instant to, OwnedShards owned, ProgressListener progress)
            throws GenesysException, PublishException, InterruptedException {
        KafkaOutputs out = open(owned);
        Map<List<TimeWindow>, List<WindowPoller.Slice>> groups = new LinkedHashMap<>();
        for (Shard shard : sorted(owned)) {
            String id = Checkpoint.rangeId(from, to, shard);
            Optional<Checkpoint> checkpoint = out.checkpoints().get(id);
            Instant resumeAfter = checkpoint.map(Checkpoint::polledUntil).orElse(null);
            List<TimeWindow> windows = planner.planRange(from, to, resumeAfter);
            if (resumeAfter != null) {
                LOG.info("Resuming range {} .. {} of shard {} after checkpoint {}", from, to, shard, resumeAfter);
            }
            groups.computeIfAbsent(windows, k -> new ArrayList<>()).add(new WindowPoller.Slice(shard, id, checkpoint.orElse(null), List.of()));
        }
        List<ShardGroup> polls = new ArrayList<>();
        groups.forEach((windows, slices) -> polls.add(new ShardGroup(windows, null, slices)));
        return poll(out, polls, progress);
    }

    /** Polls each group of shards (the slices come without queues: they are filled in here). */
    private PollReport poll(KafkaOutputs out, List<ShardGroup> groups, ProgressListener progress)
            throws GenesysException, PublishException, InterruptedException {
        Instant started = clock.instant();
        status.pollStarted(started);
        boolean anyWindows = groups.stream().anyMatch(g -> !g.windows().isEmpty());
        List<Queue> all = anyWindows ? genesys.queues().queues() : List.of();
        WindowPoller poller = new WindowPoller(genesys.statistics(), out, planner, context, status);
        int windows = 0;
        long records = 0;
        int queues = 0;
        Instant polledUntil = null;
        try {
            for (ShardGroup group : groups) {
                List<WindowPoller.Slice> slices = group.slices().stream().map(s -> new WindowPoller.Slice(s.shard(), s.checkpointId(),
                        s.from(), all.stream().filter(q -> s.shard().contains(q.id())).toList())).toList();
                PollReport report = poller.poll(slices, group.windows(), group.deepPollAt(), progress);
                List<TimeWindow> w = group.windows();
                LOG.info("Polled {} window(s) {} for {} queue(s) of shard(s) {}: {} record(s) published in {} ms; checkpoint {} = {}",
                        report.windows(), w.isEmpty() ? "" : w.get(0).start() + " .. " + w.get(w.size() - 1).end(), report.queues(),
                        slices.stream().map(s -> s.shard().toString()).toList(), report.records(),
                        Duration.between(started, clock.instant()).toMillis(),
                        slices.size() == 1 ? slices.get(0).checkpointId() : "(lowest of " + slices.size() + ")", report.polledUntil());
                windows += report.windows();
                records += report.records();
                queues += report.queues();
                if (report.polledUntil() != null && (polledUntil == null || report.polledUntil().isBefore(polledUntil))) {
                    polledUntil = report.polledUntil();
                }
            }
        } finally {
            reportSkippedGroups();
        }
        if (groups.isEmpty()) {
            LOG.info("This instance owns no shards at the moment ({}); nothing to poll", shards.describe());
        }
        if (anyWindows) {
            status.queuesPolled(queues);
        }
        status.pollCompleted(clock.instant());
        return new PollReport(windows, records, queues, polledUntil);
    }

    /** One WARN per poll, however many answers had groups without a dimension (each is counted in the metrics). */
    private void reportSkippedGroups() {
        SkippedGroups skipped = genesys.statistics().takeSkippedGroups();
        if (!skipped.isEmpty()) {
            LOG.warn("Genesys Cloud client: skipped {} aggregates result group(s) without a queueId or mediaType in this poll ({}); "
                    + "their buckets were not published. They are counted in producer_groups_skipped_total; if they keep "
                    + "appearing, compare analytics.media_types and analytics.queue_ids with what Genesys returns",
                    skipped.total(), skipped.summary());
        }
    }

    /**
     * Opens Kafka on first use. After a rebalance (a new ownership generation) it reads the
     * checkpoints again: a shard taken over was advanced by its previous owner.
     */
    private KafkaOutputs open(OwnedShards owned) throws PublishException, InterruptedException {
        if (outputs == null) {
            outputs = outputsOpener.open();
            checkpointsReadAt = owned.generation();
        } else if (owned.generation() != checkpointsReadAt) {
            outputs.checkpoints().reload();
            checkpointsReadAt = owned.generation();
        }
        return outputs;
    }

    private static List<Shard> sorted(OwnedShards owned) {
        return owned.shards().stream().sorted(Comparator.comparingInt(Shard::count).thenComparingInt(Shard::index)).toList();
    }

    /** Shards whose live plans agree (same windows, same deep poll) are polled together. */
    private record PlanKey(List<TimeWindow> windows, boolean deepPoll) {
    }

    /** Shards polled together over {@code windows}; {@code deepPollAt} as in {@link WindowPoller#poll}. */
    private record ShardGroup(List<TimeWindow> windows, Instant deepPollAt, List<WindowPoller.Slice> slices) {
    }
}
