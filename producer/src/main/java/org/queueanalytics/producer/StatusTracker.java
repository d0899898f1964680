package org.queueanalytics.producer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.queueanalytics.common.config.AnalyticsSettings;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.ShardOwnership;

/**
 * What a {@link ProducerService} shows on {@code /status}, {@code /readyz} and {@code /metrics}:
 * its state and counters, and the checkpoints of the shards it owns. Kept apart from the loop and
 * the cycle so that what the admin server reports changes in one place, and so that neither the
 * loop nor the cycle has to know how the other one's progress is counted.
 *
 * <p>Written by whichever thread runs a cycle, read by the admin server's threads: every field is
 * atomic on its own, and a {@link #snapshot} is not atomic across fields (a counter may be one
 * window ahead of the state next to it), which is good enough for monitoring and never blocks it.
 */
final class StatusTracker {
    private final AnalyticsSettings analytics;
    private final ShardOwnership shards;
    private final LongSupplier requestsSent;
    private final LongSupplier tokensIssued;

    private final AtomicReference<String> state = new AtomicReference<>("STARTING");
    private final AtomicReference<Instant> lastPollStarted = new AtomicReference<>();
    private final AtomicReference<Instant> lastPollCompleted = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<ProducerFailure> failure = new AtomicReference<>();
    private final AtomicLong recordsPublished = new AtomicLong();
    private final AtomicLong windowsPolled = new AtomicLong();
    private final AtomicLong cyclesSucceeded = new AtomicLong();
    private final AtomicLong cyclesFailed = new AtomicLong();
    private volatile int queueCount;

    /**
     * @param requestsSent Genesys requests sent so far (read at each snapshot, not counted here: the client counts them)
     * @param tokensIssued OAuth tokens obtained so far (likewise)
     */
    StatusTracker(AnalyticsSettings analytics, ShardOwnership shards, LongSupplier requestsSent, LongSupplier tokensIssued) {
        this.analytics = analytics;
        this.shards = shards;
        this.requestsSent = requestsSent;
        this.tokensIssued = tokensIssued;
    }

    /** A poll (a live cycle, a fixed range or a backfill) started at {@code at}. */
    void pollStarted(Instant at) {
        lastPollStarted.set(at);
        state.set("RUNNING");
    }

    /** The queues the last poll with windows covered. */
    void queuesPolled(int queues) {
        queueCount = queues;
    }

    /** A poll completed at {@code at}: the error of an earlier failed cycle no longer applies. */
    void pollCompleted(Instant at) {
        lastPollCompleted.set(at);
        lastError.set(null);
    }

    void cycleSucceeded() {
        cyclesSucceeded.incrementAndGet();
    }

    /** A cycle failed and the next one tries again; {@code error} names the component. */
    void cycleFailed(String error) {
        cyclesFailed.incrementAndGet();
        lastError.set(error);
    }

    /** A failure that needs an operator stopped the service. */
    void failed(ProducerFailure fatal) {
        cyclesFailed.incrementAndGet();
        lastError.set(fatal.getMessage());
        failure.set(fatal);
        state.set("FAILED");
    }

    void waiting() {
        state.set("WAITING");
    }

    /** The service stopped; a failure that stopped it stays the state. */
    void stopped() {
        if (failure.get() == null) {
            state.set("STOPPED");
        }
    }

    Optional<ProducerFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Counted by {@link WindowPoller} as Kafka acknowledges each window. */
    AtomicLong recordsPublished() {
        return recordsPublished;
    }

    /** Counted by {@link WindowPoller} as each window is checkpointed. */
    AtomicLong windowsPolled() {
        return windowsPolled;
    }

    long requestsSent() {
        return requestsSent.getAsLong();
    }

    /** @param out the Kafka outputs if they were opened yet, else null (no checkpoints read yet) */
    ProducerStatus snapshot(KafkaOutputs out) {
        Map<String, Instant> checkpoints = new TreeMap<>();
        Instant lastDeep = null;
        if (out != null) {
            // the shards it owns now: another instance's checkpoints are not this instance's progress
            for (Shard shard : shards.current().shards()) {
                Optional<Checkpoint> live = out.checkpoints().get(Checkpoint.liveId(shard));
                live.ifPresent(c -> checkpoints.put(c.id(), c.polledUntil()));
                Instant deep = live.map(Checkpoint::lastDeepPoll).orElse(null);
                lastDeep = deep != null && (lastDeep == null || deep.isBefore(lastDeep)) ? deep : lastDeep;
                if (analytics.fixedRange()) {
                    out.checkpoints().get(Checkpoint.rangeId(analytics.dateFrom(), analytics.dateTo(), shard))
                            .ifPresent(c -> checkpoints.put(c.id(), c.polledUntil()));
                }
            }
        }
        return new ProducerStatus(state.get(), lastPollStarted.get(), lastPollCompleted.get(), lastError.get(),
                recordsPublished.get(), windowsPolled.get(), cyclesSucceeded.get(), cyclesFailed.get(),
                requestsSent.getAsLong(), tokensIssued.getAsLong(),
                queueCount, Map.copyOf(checkpoints), lastDeep);
    }
}
