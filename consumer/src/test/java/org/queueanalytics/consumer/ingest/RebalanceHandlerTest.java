package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.queueanalytics.consumer.ingest.StageFixtures.P0;
import static org.queueanalytics.consumer.ingest.StageFixtures.P1;
import static org.queueanalytics.consumer.ingest.StageFixtures.batch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.testsupport.MutableClock;

/** What happens to stored and pending records when partitions are revoked, lost or assigned (no batch in flight). */
class RebalanceHandlerTest {
    private final StageFixtures.CommittingConsumer consumer = new StageFixtures.CommittingConsumer(P0, P1);
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final LoopStatus status = new LoopStatus();
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    private final OffsetCommitter commits = new OffsetCommitter(consumer, clock, KafkaBackoff.upTo(Duration.ofSeconds(10)), status, metrics);
    private final WriteScheduler<QueueIntervalRecord> writes = new WriteScheduler<>(null, new RoundPause(Duration.ofSeconds(1), clock, d -> { }),
            consumer::assignment, commits, status, metrics);
    private final BatchAssembler<QueueIntervalRecord> batch = new BatchAssembler<>(null, () -> new org.queueanalytics.common.config.BatchSettings(
            1000, 1 << 20, Duration.ofSeconds(1)), clock);
    private final List<List<TopicPartition>> started = new ArrayList<>();
    private final RebalanceHandler handler = new RebalanceHandler(consumer, batch, writes, commits,
            (c, partitions) -> started.add(List.copyOf(partitions)));

    @AfterEach
    void stopWriterThread() {
        writes.close();
    }

    @Test
    void givesRevokedPartitionsALastCommitOfWhatIsStored() {
        consumer.commitFailure.set(new TimeoutException("coordinator moving"));
        commits.stored(batch(P1, 0, 5));
        consumer.commitFailure.set(null);

        handler.onPartitionsRevoked(List.of(P1));

        assertThat(consumer.committedOffset(P1)).isEqualTo(5);
        assertThat(commits.allCommitted()).isTrue();
    }

    @Test
    void forgetsTheStoredOffsetsOfLostPartitionsWithoutCommitting() {
        consumer.commitFailure.set(new TimeoutException("coordinator moving"));
        commits.stored(batch(P1, 0, 5));
        int calls = consumer.commitCalls.get();
        consumer.commitFailure.set(null);

        handler.onPartitionsLost(List.of(P1));

        assertThat(consumer.commitCalls.get()).isEqualTo(calls);
        assertThat(commits.allCommitted()).isTrue();
        assertThat(consumer.committedOffset(P1)).isEqualTo(-1);
    }

    @Test
    void startsNewlyAssignedPartitionsAtTheStartPositionAndIgnoresAnEmptyAssignment() {
        handler.onPartitionsAssigned(List.of());
        handler.onPartitionsAssigned(List.of(P0));

        assertThat(started).containsExactly(List.of(P0));
    }
}
