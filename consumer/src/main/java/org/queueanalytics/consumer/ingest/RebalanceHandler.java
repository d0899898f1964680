package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest loop's rebalance listener (called by Kafka inside {@code poll()}, on the poll thread).
 * Never commits unwritten records: revoked partitions are either committed after their write
 * finished (waiting at most {@link #REVOKE_WAIT}), or dropped uncommitted for their next owner.
 * Lost partitions cannot be committed at all and are dropped at once.
 */
final class RebalanceHandler implements ConsumerRebalanceListener {
    /** Logs as the ingest loop, as before the stages were split out of it (same log lines, same logger). */
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    static final Duration REVOKE_WAIT = Duration.ofSeconds(20);

    private final Consumer<byte[], byte[]> consumer;
    private final BatchAssembler<?> batch;
    private final WriteScheduler<?> writes;
    private final OffsetCommitter commits;
    private final StartPosition startPosition;

    RebalanceHandler(Consumer<byte[], byte[]> consumer, BatchAssembler<?> batch, WriteScheduler<?> writes, OffsetCommitter commits,
                     StartPosition startPosition) {
        this.consumer = consumer;
        this.batch = batch;
        this.writes = writes;
        this.commits = commits;
        this.startPosition = startPosition;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (writes.writing(partitions)) {
            writes.finishBeforeRevoke(REVOKE_WAIT, partitions);
        }
        if (commits.holdsAny(partitions)) {
            commits.commitNow(); // last chance for the stored records of these partitions; else their next owner re-reads them
        }
        commits.forget(partitions);
        batch.drop(partitions);
        LOG.info("partitions revoked: {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        commits.forget(partitions);
        batch.drop(partitions);
        LOG.warn("partitions lost (no commit possible): {}", partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            startPosition.onAssigned(consumer, partitions);
            LOG.info("partitions assigned: {}", partitions);
        }
    }
}
