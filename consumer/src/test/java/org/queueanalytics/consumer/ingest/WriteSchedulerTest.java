package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.queueanalytics.consumer.ingest.StageFixtures.P0;
import static org.queueanalytics.consumer.ingest.StageFixtures.P1;
import static org.queueanalytics.consumer.ingest.StageFixtures.batch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
import org.queueanalytics.consumer.clickhouse.InsertResult;
import org.queueanalytics.consumer.clickhouse.TransientClickHouseException;
import org.queueanalytics.testsupport.MutableClock;

/** The batch in flight and its write rounds, with a ClickHouse stand-in and every wait recorded instead of taken. */
class WriteSchedulerTest {
    /** Far longer than any test may take: a round pause that really slept would time the test out. */
    private static final Duration ROUND_PAUSE = Duration.ofHours(1);

    private final StageFixtures.CommittingConsumer consumer = new StageFixtures.CommittingConsumer(P0, P1);
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final LoopStatus status = new LoopStatus();
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    private final List<Duration> roundPauses = new CopyOnWriteArrayList<>();
    private final FailingSink sink = new FailingSink();
    private final OffsetCommitter commits = new OffsetCommitter(consumer, clock, KafkaBackoff.upTo(ROUND_PAUSE), status, metrics);
    private final AtomicReference<Set<TopicPartition>> assigned = new AtomicReference<>(Set.of(P0, P1));
    private final WriteScheduler<QueueIntervalRecord> scheduler = new WriteScheduler<>(writer(), new RoundPause(ROUND_PAUSE, clock, roundPauses::add),
            assigned::get, commits, status, metrics);

    /** Fails the first {@code failuresLeft} inserts with {@code failure}, then stores. */
    static final class FailingSink implements RowSink<QueueIntervalRecord> {
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile ClickHouseException failure = new TransientClickHouseException("connection refused", -1, 0, null);
        final List<QueueIntervalRecord> stored = new CopyOnWriteArrayList<>();

        @Override
        public InsertResult insert(List<QueueIntervalRecord> rows) throws ClickHouseException {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw failure;
            }
            stored.addAll(rows);
            return new InsertResult(rows.size(), 1, 100L * rows.size(), 50L * rows.size());
        }
    }

    private BatchWriter<QueueIntervalRecord> writer() {
        SourceRecords noOriginals = new SourceRecords() {
            @Override
            public Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
        MockProducer<byte[], byte[]> dlq = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        // no retries within a round and no backoff sleeps: each failure ends the round at once
        return new BatchWriter<>(sink, RowEncoder.intervals(), new DeadLetterPublisher(dlq, "t.dlq", Duration.ofSeconds(5)), noOriginals,
                new RetrySettings(0, Duration.ofMillis(1), Duration.ofMillis(1)), metrics, d -> { });
    }

    @AfterEach
    void stopWriterThread() {
        scheduler.close();
    }

    private void settleUntilIdle() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.settleIfDone();
            return scheduler.idle();
        });
    }

    @Test
    void writesANewBatchAtOnceWithoutPausingAndCommitsItOnceStored() {
        scheduler.start(batch(P0, 0, 5));
        settleUntilIdle();

        assertThat(sink.stored).hasSize(5);
        assertThat(roundPauses).isEmpty();
        assertThat(consumer.committedOffset(P0)).isEqualTo(5);
        assertThat(status.readiness().ready()).isTrue();
    }

    @Test
    void pausesBetweenTwoRoundsThroughTheInjectedSleeperNotInRealTime() {
        sink.failuresLeft.set(2);

        scheduler.start(batch(P0, 0, 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.settleIfDone();
            return sink.stored.size() == 5;
        });
        settleUntilIdle();

        assertThat(roundPauses).as("one pause before each new round, each the whole round pause").containsExactly(ROUND_PAUSE, ROUND_PAUSE);
        assertThat(consumer.committedOffset(P0)).isEqualTo(5);
        assertThat(status.readiness().ready()).isTrue();
    }

    @Test
    void aFailedRoundMakesTheLoopNotReadyAndCommitsNothing() {
        sink.failuresLeft.set(Integer.MAX_VALUE);
        status.ready();

        scheduler.start(batch(P0, 0, 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.settleIfDone();
            return roundPauses.size() >= 3;
        });

        assertThat(status.readiness().ready()).isFalse();
        assertThat(status.readiness().reason()).contains("write round").contains("retrying the same batch in PT1H")
                .contains("connection refused");
        assertThat(consumer.committedOffset(P0)).isEqualTo(-1);
        assertThat(status.isRunning()).isTrue();
    }

    @Test
    void aNewRoundLeavesOutThePartitionsNoLongerAssigned() {
        sink.failuresLeft.set(1);
        PendingBatch<QueueIntervalRecord> both = batch(P0, 0, 3);
        batch(P1, 0, 4).rows().forEach(both::addRow);

        scheduler.start(both);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.failuresLeft.get() == 0);
        assigned.set(Set.of(P0)); // P1 was revoked while the first round failed
        settleUntilIdle();
        settleUntilIdle();

        assertThat(sink.stored).hasSize(3);
        assertThat(consumer.committedOffset(P0)).isEqualTo(3);
        assertThat(consumer.committedOffset(P1)).isEqualTo(-1);
    }

    @Test
    void aHaltAnswerEndsTheLoopWithoutAnotherRound() {
        HaltClickHouseException halt = new HaltClickHouseException("Authentication failed", 516, 500, null);
        sink.failure = halt;
        sink.failuresLeft.set(1);

        scheduler.start(batch(P0, 0, 5));
        settleUntilIdle();

        assertThat(status.failure()).containsSame(halt);
        assertThat(status.isRunning()).isFalse();
        assertThat(roundPauses).isEmpty();
        assertThat(consumer.committedOffset(P0)).isEqualTo(-1);
    }

    @Test
    void knowsWhichPartitionsTheBatchInFlightHolds() {
        sink.failuresLeft.set(Integer.MAX_VALUE);
        scheduler.start(batch(P0, 0, 5));

        assertThat(scheduler.idle()).isFalse();
        assertThat(scheduler.writing(List.of(P0))).isTrue();
        assertThat(scheduler.writing(List.of(P1))).isFalse();
    }
}
