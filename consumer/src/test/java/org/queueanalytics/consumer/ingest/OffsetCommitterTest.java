package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.queueanalytics.consumer.ingest.StageFixtures.P0;
import static org.queueanalytics.consumer.ingest.StageFixtures.P1;
import static org.queueanalytics.consumer.ingest.StageFixtures.batch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.queueanalytics.testsupport.MutableClock;

class OffsetCommitterTest {
    private final StageFixtures.CommittingConsumer consumer = new StageFixtures.CommittingConsumer(P0, P1);
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final LoopStatus status = new LoopStatus();
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    private final OffsetCommitter committer = new OffsetCommitter(consumer, clock,
            KafkaBackoff.upTo(Duration.ofSeconds(10)), status, metrics);

    @Test
    void commitsTheLastOffsetPlusOneOfAStoredBatchAndNothingForPartitionsWithoutOne() {
        committer.stored(batch(P0, 0, 5));

        assertThat(consumer.committedOffset(P0)).isEqualTo(5);
        assertThat(consumer.committedOffset(P1)).as("nothing of P1 was stored").isEqualTo(-1);
        assertThat(committer.allCommitted()).isTrue();
        assertThat(metrics.lastCommitMillis()).isPositive();
    }

    @Test
    void commitsNothingWhileNoBatchIsStored() {
        committer.commitIfDue();
        committer.commitNow();

        assertThat(consumer.commitCalls.get()).isZero();
    }

    @Test
    void keepsTheOffsetsOfACommitThatTimedOutAndCommitsThemOnceItsBackoffHasPassed() {
        consumer.commitFailure.set(new TimeoutException("Timeout of 30000ms expired before successfully committing offsets"));
        committer.stored(batch(P0, 0, 5));

        assertThat(committer.allCommitted()).isFalse();
        assertThat(status.readiness().ready()).isFalse();
        assertThat(status.readiness().reason()).contains("offset commit failed (attempt 1").contains("retried in 200 ms");
        assertThat(metrics.commitFailures()).isEqualTo(1);

        consumer.commitFailure.set(null);
        committer.commitIfDue();
        assertThat(consumer.commitCalls.get()).as("not before the backoff has passed").isEqualTo(1);

        clock.advance(Duration.ofMillis(200));
        committer.commitIfDue();
        assertThat(consumer.committedOffset(P0)).isEqualTo(5);
        assertThat(status.readiness().ready()).isTrue();
    }

    @Test
    void keepsTheHighestStoredOffsetPerPartitionAcrossBatchesWaitingForACommit() {
        consumer.commitFailure.set(new TimeoutException("coordinator moving"));
        committer.stored(batch(P0, 10, 5));
        committer.stored(batch(P0, 0, 3));
        consumer.commitFailure.set(null);

        committer.commitNow();

        assertThat(consumer.committedOffset(P0)).isEqualTo(15);
    }

    @Test
    void forgetsTheOffsetsOfPartitionsGivenUpAndNeverCommitsThem() {
        consumer.commitFailure.set(new TimeoutException("coordinator moving"));
        committer.stored(batch(P0, 0, 5));
        committer.stored(batch(P1, 0, 5));
        assertThat(committer.holdsAny(List.of(P1))).isTrue();

        committer.forget(List.of(P1));
        consumer.commitFailure.set(null);
        committer.commitNow();

        assertThat(consumer.committedOffset(P0)).isEqualTo(5);
        assertThat(consumer.committedOffset(P1)).isEqualTo(-1);
        assertThat(committer.holdsAny(List.of(P1))).isFalse();
    }

    @Test
    void commitsOnlyThePartitionsStillAssigned() {
        consumer.commitFailure.set(new TimeoutException("coordinator moving"));
        committer.stored(batch(P0, 0, 5));
        committer.stored(batch(P1, 0, 5));
        consumer.assign(List.of(P0));
        consumer.commitFailure.set(null);

        committer.commitNow();

        assertThat(consumer.committedOffset(P0)).isEqualTo(5);
        assertThat(consumer.committedOffset(P1)).isEqualTo(-1);
        assertThat(committer.allCommitted()).isTrue();
    }

    @Test
    void letsANonRetriableCommitFailureEndTheLoop() {
        consumer.commitFailure.set(new GroupAuthorizationException("not authorized to commit"));

        assertThatThrownBy(() -> committer.stored(batch(P0, 0, 5))).isInstanceOf(GroupAuthorizationException.class);
    }
}
