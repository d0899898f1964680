package org.queueanalytics.consumer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the offsets of stored batches — {@code last offset + 1} per partition, and only for
 * batches the {@link BatchWriter} stored completely — on the poll thread, which owns the
 * {@link Consumer}. Every commit is bounded ({@link #COMMIT_TIMEOUT}).
 *
 * <p>A retriable failure (timeout, coordinator moving) keeps the offsets and retries with backoff
 * while the loop keeps polling; a commit refused because of a rebalance keeps them too — the
 * rebalance listener {@link #forget forgets} the partitions we lose, so only offsets of stored
 * records of our own partitions are ever committed. Any other failure propagates and ends the loop.
 */
final class OffsetCommitter {
    /** Logs as the ingest loop, as before the stages were split out of it (same log lines, same logger). */
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final KafkaBackoff backoff;
    private final LoopStatus status;
    private final IngestMetrics metrics;
    /** Offsets of stored batches not committed yet (a commit failed); committed with the next attempt. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private Instant nextCommitAt = Instant.MIN;
    private int failedCommits;

    OffsetCommitter(Consumer<byte[], byte[]> consumer, Clock clock, KafkaBackoff backoff, LoopStatus status, IngestMetrics metrics) {
        this.consumer = consumer;
        this.clock = clock;
        this.backoff = backoff;
        this.status = status;
        this.metrics = metrics;
    }

    /** A batch is stored: its offsets join those waiting for a commit, which is tried at once. */
    void stored(PendingBatch<?> batch) {
        batch.commitOffsets().forEach((tp, offset) -> uncommitted.merge(tp, offset,
                (a, b) -> a.offset() >= b.offset() ? a : b));
        metrics.stored(batch);
        commitNow();
    }

    /** Commits now, whatever the backoff says (a batch was just stored, partitions are being revoked, shutdown). */
    void commitNow() {
        nextCommitAt = Instant.MIN;
        commitIfDue();
    }

    /**
     * Commits the offsets of every stored batch not committed yet, for the partitions still assigned,
     * unless a failed attempt's backoff has not passed yet.
     */
    void commitIfDue() {
        if (uncommitted.isEmpty() || clock.instant().isBefore(nextCommitAt)) {
            return;
        }
        uncommitted.keySet().retainAll(consumer.assignment());
        if (uncommitted.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach(uncommitted::remove);
            if (failedCommits > 0) {
                LOG.info("offsets committed after {} failed attempt(s)", failedCommits);
            }
            failedCommits = 0;
            metrics.committed();
            status.commitSucceeded();
        } catch (RetriableException | CommitFailedException | RebalanceInProgressException | WakeupException e) {
            failedCommits++;
            metrics.commitFailed();
            Duration wait = backoff.after(failedCommits);
            nextCommitAt = clock.instant().plus(wait);
            String reason = "offset commit failed (attempt " + failedCommits + ", " + e + "); the rows are stored, "
                    + "the commit is retried in " + wait.toMillis() + " ms";
            status.commitFailed(reason);
            if (failedCommits == 1 || failedCommits % 10 == 0) {
                LOG.warn("{}", reason);
            }
        }
    }

    /** Whether every stored offset is committed. */
    boolean allCommitted() {
        return uncommitted.isEmpty();
    }

    /** Whether stored offsets of any of {@code partitions} wait for a commit. */
    boolean holdsAny(Collection<TopicPartition> partitions) {
        return partitions.stream().anyMatch(uncommitted::containsKey);
    }

    /** Gives up the stored offsets of {@code partitions} (no longer ours: their next owner re-reads from the committed offset). */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(uncommitted::remove);
    }
}
