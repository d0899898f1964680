package org.queueanalytics.producer.observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysUnavailableException;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.publish.ObservationSink;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.sharding.OwnedShards;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.queueanalytics.testsupport.MutableClock;

class ObservationPollerTest {
    private static final List<Queue> QUEUES = IntStream.range(0, 40).mapToObj(i -> new Queue("queue-" + i, "Q" + i)).toList();
    private static final ObservationSettings SETTINGS = ObservationSettings.disabled().withEnabled(true);

    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
    private final Sink sink = new Sink();
    private final Source source = new Source();
    private final AtomicReference<OwnedShards> owned = new AtomicReference<>(new OwnedShards(1, Set.of(Shard.ALL)));
    private final ShardOwnership shards = new ShardOwnership() {
        @Override
        public OwnedShards current() {
            return owned.get();
        }

        @Override
        public boolean dynamic() {
            return true;
        }

        @Override
        public String describe() {
            return "test";
        }
    };
    private final List<SnapshotReport> reported = Collections.synchronizedList(new ArrayList<>());
    private final ObservationTracker tracker = new ObservationTracker(new ObservationListener() {
        @Override
        public void observationSnapshotEnded(SnapshotReport report) {
            reported.add(report);
        }
    });
    private volatile Optional<List<Queue>> known = Optional.of(QUEUES);

    /** One oWaiting record per queue; the test decides how many queries are answered, skipped or failed. */
    final class Source implements QueueObservations {
        final List<List<String>> asked = Collections.synchronizedList(new ArrayList<>());
        volatile int answer = Integer.MAX_VALUE;
        volatile boolean skipRest;
        volatile RuntimeException bug;

        @Override
        public SnapshotFetch fetch(List<Queue> queues, List<String> metrics, int maxRequestsPerMinute) {
            asked.add(queues.stream().map(Queue::id).toList());
            if (bug != null) {
                throw bug;
            }
            List<QueueObservationRecord> records = queues.stream()
                    .map(q -> QueueObservationRecord.of(q.id(), q.name(), "voice", "oWaiting", "", 1, null, clock.instant())).toList();
            int queries = 2;
            int answered = Math.min(answer, queries);
            return answered == queries ? new SnapshotFetch(records, queries, queries, 0, null)
                    : skipRest ? new SnapshotFetch(answered == 0 ? List.of() : records.subList(0, 1), queries, answered, queries - answered, null)
                    : new SnapshotFetch(answered == 0 ? List.of() : records.subList(0, 1), queries, answered, 0,
                            new GenesysUnavailableException("Genesys Cloud answered HTTP 503", 503, null));
        }
    }

    static final class Sink implements ObservationSink {
        final List<QueueObservationRecord> published = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;
        volatile boolean closed;

        @Override
        public void publishAll(List<QueueObservationRecord> records) throws PublishException {
            if (failing) {
                throw new PublishException("Kafka is down (test)", null);
            }
            published.addAll(records);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private ObservationPoller poller() {
        return new ObservationPoller(SETTINGS, source, () -> known, shards, sink, tracker, clock);
    }

    @Test
    void asksOnlyForTheQueuesOfTheShardsOwnedAtEachSnapshot() throws Exception {
        ObservationPoller poller = poller();
        owned.set(new OwnedShards(2, Set.of(new Shard(1, 4), new Shard(3, 4))));
        poller.snapshot();
        owned.set(new OwnedShards(3, Set.of(new Shard(0, 4))));
        poller.snapshot();

        assertThat(source.asked.get(0)).isNotEmpty().allMatch(id -> new Shard(1, 4).contains(id) || new Shard(3, 4).contains(id))
                .containsExactlyElementsOf(idsOf(new Shard(1, 4), new Shard(3, 4)));
        assertThat(source.asked.get(1)).isNotEmpty().containsExactlyElementsOf(idsOf(new Shard(0, 4)));
        assertThat(sink.published).extracting(QueueObservationRecord::queueId)
                .containsExactlyElementsOf(concat(idsOf(new Shard(1, 4), new Shard(3, 4)), idsOf(new Shard(0, 4))));
    }

    @Test
    void ownsNothingOrKnowsNoQueuesYetMeansNoSnapshot() throws Exception {
        known = Optional.empty();
        assertThat(poller().snapshot()).isEmpty();
        known = Optional.of(QUEUES);
        owned.set(OwnedShards.NONE);
        assertThat(poller().snapshot()).isEmpty();

        assertThat(source.asked).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void aCompleteSnapshotIsPublishedAndCounted() throws Exception {
        SnapshotReport report = poller().snapshot().orElseThrow();

        assertThat(report.outcome()).isEqualTo(SnapshotOutcome.COMPLETE);
        assertThat(report.recordsPublished()).isEqualTo(40);
        assertThat(sink.published).hasSize(40);
        ObservationStatus status = tracker.status(SETTINGS, false);
        assertThat(status.snapshots()).containsEntry("complete", 1L).containsEntry("partial", 0L).containsEntry("failed", 0L);
        assertThat(status.recordsPublished()).isEqualTo(40);
        assertThat(status.lastSnapshotAt()).isEqualTo(clock.instant());
        assertThat(status.lastError()).isNull();
        assertThat(reported).containsExactly(report);
    }

    @Test
    void skippedQueriesMakeAPartialSnapshotAndNothingAnsweredAFailedOne() throws Exception {
        ObservationPoller poller = poller();
        source.skipRest = true;
        source.answer = 1;
        SnapshotReport partial = poller.snapshot().orElseThrow();
        source.answer = 0;
        SnapshotReport failed = poller.snapshot().orElseThrow();

        assertThat(partial.outcome()).isEqualTo(SnapshotOutcome.PARTIAL);
        assertThat(partial.skipped()).isEqualTo(1);
        assertThat(failed.outcome()).isEqualTo(SnapshotOutcome.FAILED);
        assertThat(failed.skipped()).isEqualTo(2);
        ObservationStatus status = tracker.status(SETTINGS, false);
        assertThat(status.queriesSkipped()).isEqualTo(3);
        assertThat(status.lastError()).as("a skip is not an error").isNull();
        assertThat(status.lastSnapshotAt()).as("the partial one delivered").isEqualTo(partial.endedAt());
    }

    @Test
    void aGenesysFailureOrAKafkaFailureFailsTheSnapshotAndTheNextCompleteOneClearsTheError() throws Exception {
        ObservationPoller poller = poller();
        source.answer = 0;
        SnapshotReport genesysDown = poller.snapshot().orElseThrow();
        source.answer = Integer.MAX_VALUE;
        sink.failing = true;
        SnapshotReport kafkaDown = poller.snapshot().orElseThrow();

        assertThat(genesysDown.outcome()).isEqualTo(SnapshotOutcome.FAILED);
        assertThat(genesysDown.error()).contains("Genesys Cloud client", "503");
        assertThat(kafkaDown.outcome()).isEqualTo(SnapshotOutcome.FAILED);
        assertThat(kafkaDown.publishFailed()).isTrue();
        assertThat(kafkaDown.recordsPublished()).isZero();
        assertThat(tracker.status(SETTINGS, false).lastError()).contains("Kafka publisher", "Kafka is down");
        assertThat(tracker.status(SETTINGS, false).lastSnapshotAt()).isNull();

        sink.failing = false;
        poller.snapshot();
        assertThat(tracker.status(SETTINGS, false).lastError()).isNull();
        assertThat(tracker.status(SETTINGS, false).snapshots()).containsEntry("failed", 2L).containsEntry("complete", 1L);
    }

    @Test
    void itsThreadSurvivesAnUnexpectedExceptionAndCloseStopsItAndClosesTheSink() {
        source.bug = new IllegalStateException("a bug");
        ObservationPoller poller = poller();

        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains(ObservationPoller.THREAD_NAME);
        assertThat(reported.get(0).outcome()).isEqualTo(SnapshotOutcome.FAILED);
        assertThat(reported.get(0).error()).contains("a bug");
        assertThat(poller.running()).isTrue();

        poller.close();

        assertThat(poller.running()).isFalse();
        assertThat(sink.closed).isTrue();
    }

    private static List<String> idsOf(Shard... owned) {
        return QUEUES.stream().map(Queue::id).filter(id -> java.util.Arrays.stream(owned).anyMatch(s -> s.contains(id))).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
