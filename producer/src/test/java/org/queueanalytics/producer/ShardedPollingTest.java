package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.CheckpointStore;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.OwnedShards;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.queueanalytics.producer.sharding.ShardingException;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;

/** A service polling several shards: per-shard checkpoints, revocation mid-cycle, takeover, the wait between cycles. */
class ShardedPollingTest {
    private static final List<Queue> QUEUES = IntStream.range(0, 40).mapToObj(i -> new Queue("queue-" + i, "Q" + i)).toList();

    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
    private final RecordingSink sink = new RecordingSink();
    private final CountingStore checkpoints = new CountingStore();
    private final Fetches statistics = new Fetches();
    private final MovableShards shards = new MovableShards();

    /** One record per queue per window; remembers every call. */
    final class Fetches implements IntervalStatistics {
        final List<TimeWindow> windows = Collections.synchronizedList(new ArrayList<>());
        final List<Set<String>> queueIds = Collections.synchronizedList(new ArrayList<>());
        volatile Runnable afterCall = () -> { };

        @Override
        public List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) {
            windows.add(window);
            queueIds.add(queues.stream().map(Queue::id).collect(Collectors.toSet()));
            afterCall.run();
            return queues.stream().map(q -> QueueIntervalRecord.builder().queueId(q.id()).queueName(q.name()).mediaType("voice")
                    .intervalStart(window.start()).intervalEnd(window.start().plus(Duration.ofMinutes(30)))
                    .granularity("PT30M").fetchedAt(clock.instant()).offered(1).answered(1).serviceLevelPct(100.0)
                    .slNumerator(1).slDenominator(1).slTarget(0.8).answerTimeMs(1000).waitTimeMs(1000)
                    .talkTimeMs(1000).handleTimeMs(1000).handleCount(1).build()).toList();
        }
    }

    /** Checkpoints in memory that count how often they were read again. */
    static final class CountingStore implements CheckpointStore {
        final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        final AtomicInteger reloads = new AtomicInteger();

        @Override
        public Optional<Checkpoint> get(String id) {
            return store.get(id);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            store.save(checkpoint);
        }

        @Override
        public Map<String, Checkpoint> all() {
            return store.all();
        }

        @Override
        public void reload() {
            reloads.incrementAndGet();
        }

        @Override
        public void close() {
        }

        List<Checkpoint> savesOf(String id) {
            synchronized (store) {
                return store.saves.stream().filter(c -> c.id().equals(id)).toList();
            }
        }
    }

    /** Ownership that the test moves, as rebalances would. */
    static final class MovableShards implements ShardOwnership {
        private final AtomicReference<OwnedShards> current = new AtomicReference<>(OwnedShards.NONE);
        volatile ShardingException failure;

        void set(Shard... owned) {
            current.updateAndGet(c -> new OwnedShards(c.generation() + 1, Set.of(owned)));
        }

        @Override
        public OwnedShards current() {
            return current.get();
        }

        @Override
        public boolean dynamic() {
            return true;
        }

        @Override
        public String describe() {
            return "test group";
        }

        @Override
        public Optional<ShardingException> failure() {
            return Optional.ofNullable(failure);
        }
    }

    private ProducerService service(PipelineConfig config, StopSignal stop, Sleeper waits) {
        return ProducerWiring.forConfig(config).clock(clock).shards(shards).stop(stop).waits(waits)
                .genesys(new GenesysInputs(() -> QUEUES, statistics, () -> 0L, () -> 0L))
                .kafka(() -> new KafkaOutputs(sink, checkpoints)).service();
    }

    private ProducerService service() {
        StopSignal stop = new StopSignal();
        return service(TestConfigs.config(""), stop, new RecordingSleeper(clock));
    }

    private static Set<String> queuesOf(Shard... shards) {
        return QUEUES.stream().map(Queue::id).filter(id -> java.util.Arrays.stream(shards).anyMatch(s -> s.contains(id)))
                .collect(Collectors.toSet());
    }

    private static Shard s(int index, int count) {
        return new Shard(index, count);
    }

    @Test
    void everyOwnedShardHasItsOwnCheckpointAndShardsThatAgreeShareTheirRequests() throws Exception {
        shards.set(s(0, 4), s(1, 4), s(3, 4));

        PollReport report = service().runOnce();

        assertThat(statistics.windows).hasSize(5); // the first cycle's deep lookback: once for the three shards together
        assertThat(statistics.queueIds).allMatch(ids -> ids.equals(queuesOf(s(0, 4), s(1, 4), s(3, 4))));
        assertThat(report.queues()).isEqualTo(queuesOf(s(0, 4), s(1, 4), s(3, 4)).size());
        for (String id : List.of("live/0/4", "live/1/4", "live/3/4")) {
            assertThat(checkpoints.get(id).orElseThrow().polledUntil()).as(id).isEqualTo(Instant.parse("2025-01-27T08:30:00Z"));
            assertThat(checkpoints.get(id).orElseThrow().lastDeepPoll()).as(id).isEqualTo(clock.instant());
        }
        assertThat(checkpoints.get("live/2/4")).isEmpty();
        assertThat(sink.published).extracting(QueueIntervalRecord::queueId).doesNotContainAnyElementsOf(queuesOf(s(2, 4)));
    }

    @Test
    void aShardTakenOverResumesFromItsOwnCheckpointWhileTheOthersCarryOn() throws Exception {
        Instant previousOwnerStopped = Instant.parse("2025-01-27T05:00:00Z");
        checkpoints.save(new Checkpoint("live/1/2", previousOwnerStopped, clock.instant().minus(Duration.ofHours(2)), clock.instant()));
        checkpoints.save(new Checkpoint("live/0/2", Instant.parse("2025-01-27T08:30:00Z"), clock.instant().minus(Duration.ofHours(2)),
                clock.instant()));
        shards.set(s(0, 2), s(1, 2));

        service().runOnce();

        assertThat(statistics.windows).containsExactly(
                new TimeWindow(Instant.parse("2025-01-27T02:30:00Z"), Instant.parse("2025-01-27T09:00:00Z")),
                new TimeWindow(Instant.parse("2025-01-26T23:00:00Z"), Instant.parse("2025-01-27T09:00:00Z")));
        assertThat(statistics.queueIds.get(0)).isEqualTo(queuesOf(s(0, 2)));
        assertThat(statistics.queueIds.get(1)).isEqualTo(queuesOf(s(1, 2))); // from its checkpoint minus the lookback, no deep poll
    }

    @Test
    void aShardWithoutACheckpointOfItsOwnStartsFromTheSingleProducersCheckpoint() throws Exception {
        Instant single = Instant.parse("2025-01-27T04:00:00Z");
        checkpoints.save(new Checkpoint("live/0/1", single, clock.instant().minus(Duration.ofHours(3)), clock.instant()));
        shards.set(s(0, 16), s(5, 16), s(11, 16));

        service().runOnce();

        assertThat(statistics.windows).containsExactly(new TimeWindow(single.minus(Duration.ofHours(6)), Instant.parse("2025-01-27T09:00:00Z")));
        for (String id : List.of("live/0/16", "live/5/16", "live/11/16")) {
            assertThat(checkpoints.get(id).orElseThrow().polledUntil()).as(id).isEqualTo(Instant.parse("2025-01-27T08:30:00Z"));
        }
        assertThat(checkpoints.savesOf("live/0/1")).hasSize(1); // only the test's own save: the old checkpoint stays as it was
    }

    @Test
    void aShardRevokedMidCycleIsAbandonedWithoutMovingItsCheckpoint() throws Exception {
        shards.set(s(0, 2), s(1, 2));
        statistics.afterCall = () -> {
            if (statistics.windows.size() == 2) {
                shards.set(s(0, 2)); // a rebalance while the second window is in flight
            }
        };

        PollReport report = service().runOnce();

        assertThat(report.windows()).isEqualTo(5);
        assertThat(statistics.queueIds.subList(0, 2)).allMatch(ids -> ids.equals(queuesOf(s(0, 2), s(1, 2))));
        assertThat(statistics.queueIds.subList(2, 5)).allMatch(ids -> ids.equals(queuesOf(s(0, 2))));
        assertThat(checkpoints.savesOf("live/1/2")).singleElement()
                .satisfies(c -> assertThat(c.polledUntil()).isEqualTo(statistics.windows.get(0).end()));
        assertThat(checkpoints.get("live/0/2").orElseThrow().polledUntil()).isEqualTo(Instant.parse("2025-01-27T08:30:00Z"));
        assertThat(report.polledUntil()).isEqualTo(statistics.windows.get(0).end());
    }

    @Test
    void whenEveryShardIsRevokedTheRestOfTheCycleIsAbandoned() throws Exception {
        shards.set(s(0, 1));
        statistics.afterCall = () -> shards.set();

        PollReport report = service().runOnce();

        assertThat(statistics.windows).hasSize(1);
        assertThat(report.windows()).isEqualTo(1);
        assertThat(checkpoints.all()).isEmpty();
    }

    @Test
    void theCheckpointsAreReadAgainAfterEveryRebalanceAndOnlyThen() throws Exception {
        ProducerService service = service();
        shards.set(s(0, 2));
        service.runOnce(); // opens the store, which reads every checkpoint
        service.runOnce();
        assertThat(checkpoints.reloads).hasValue(0);

        shards.set(s(0, 2), s(1, 2));
        service.runOnce();
        service.runOnce();

        assertThat(checkpoints.reloads).hasValue(1);
    }

    @Test
    void withoutShardsACycleSucceedsAndPollsNothing() throws Exception {
        ProducerService service = service();

        PollReport report = service.runOnce();

        assertThat(report.windows()).isZero();
        assertThat(statistics.windows).isEmpty();
        assertThat(service.status().lastPollCompleted()).isNotNull();
    }

    @Test
    void theWaitBetweenCyclesEndsAsSoonAsARebalanceAssignsANewShard() throws Exception {
        StopSignal stop = new StopSignal();
        ProducerService service = service(TestConfigs.config(""), stop, stop); // real waits; a 60 s poll interval
        try {
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> "WAITING".equals(service.status().state())
                    && service.status().cyclesSucceeded() == 1);

            shards.set(s(1, 4));

            await().atMost(Duration.ofSeconds(10)).until(() -> service.status().cyclesSucceeded() == 2);
            assertThat(statistics.queueIds).isNotEmpty().allMatch(ids -> ids.equals(queuesOf(s(1, 4))));
        } finally {
            service.close();
        }
    }

    @Test
    void aFixedRangeIsNotDoneUntilTheInstanceOwnedShardsThroughAWholeCycle() throws Exception {
        PipelineConfig config = TestConfigs.config("\"date_from\":\"2025-01-01T00:00:00Z\",\"date_to\":\"2025-01-02T23:59:59Z\"");
        StopSignal stop = new StopSignal();
        ProducerService service = service(config, stop, stop);
        try {
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> "WAITING".equals(service.status().state()));

            shards.set(s(0, 2), s(1, 2));

            await().atMost(Duration.ofSeconds(10)).until(() -> "STOPPED".equals(service.status().state()));
            assertThat(statistics.windows).hasSize(2);
            assertThat(checkpoints.get("range/2025-01-01T00:00:00Z/2025-01-02T23:59:59Z/0/2")).isPresent();
            assertThat(checkpoints.get("range/2025-01-01T00:00:00Z/2025-01-02T23:59:59Z/1/2")).isPresent();
        } finally {
            service.close();
        }
    }

    @Test
    void anInstanceThatOwnedNoShardWhileOthersDidTheRangeEndsOnceItTakesTheirFinishedShardsOver() throws Exception {
        // More instances than shards: this one idles until the others finish the range and leave the group.
        PipelineConfig config = TestConfigs.config("\"date_from\":\"2025-01-01T00:00:00Z\",\"date_to\":\"2025-01-02T23:59:59Z\"");
        Instant end = Instant.parse("2025-01-03T00:00:00Z"); // date_to rounded up to the interval: exclusive end
        StopSignal stop = new StopSignal();
        ProducerService service = service(config, stop, stop);
        try {
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> "WAITING".equals(service.status().state()));

            checkpoints.save(new Checkpoint("range/2025-01-01T00:00:00Z/2025-01-02T23:59:59Z/0/2", end, null, clock.instant()));
            checkpoints.save(new Checkpoint("range/2025-01-01T00:00:00Z/2025-01-02T23:59:59Z/1/2", end, null, clock.instant()));
            shards.set(s(0, 2), s(1, 2));

            await().atMost(Duration.ofSeconds(10)).until(() -> "STOPPED".equals(service.status().state()));
            assertThat(statistics.windows).as("nothing left to poll").isEmpty();
            assertThat(service.failure()).isEmpty();
        } finally {
            service.close();
        }
    }

    @Test
    void aMembershipThatCannotWorkStopsTheProducerWithItsFix() {
        shards.failure = new ShardingException("the producers' coordination topic t.shards has 8 partitions but producer.shards "
                + "is 16; set producer.shards to 8", null);
        ProducerService service = service();

        assertThatThrownBy(service::runUntilStopped).isInstanceOf(ProducerFailure.class)
                .hasMessageContaining("Kafka shard membership").hasMessageContaining("set producer.shards to 8");
        assertThat(service.status().state()).isEqualTo("FAILED");
    }

    @Test
    void theStatusShowsTheCheckpointsOfTheOwnedShardsOnly() throws Exception {
        checkpoints.save(new Checkpoint("live/1/2", Instant.parse("2025-01-20T00:00:00Z"), null, clock.instant())); // another instance's
        shards.set(s(0, 2));
        ProducerService service = service();
        service.runOnce();

        assertThat(service.status().checkpoints()).containsOnlyKeys("live/0/2");
    }

    @Test
    void theRunnerStatusNamesTheShardingAndTheOwnedShards(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"oauth":{"base_url":"http://127.0.0.1:1","login_url":"http://127.0.0.1:1","client_id":"i","client_secret":"s"},
                 "kafka":{"bootstrap_servers":"127.0.0.1:1"},"producer":{"shard":"1/3"}}
                """);
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));

        try (ProducerRunner configured = new ProducerRunner(reloader, clock, null);
             ProducerRunner overridden = new ProducerRunner(reloader, clock, s(0, 2))) {
            assertThat(configured.status()).containsEntry("sharding", "static 1/3").containsEntry("shards", List.of("1/3"));
            assertThat(overridden.status()).containsEntry("sharding", "static 0/2").containsEntry("shards", List.of("0/2"));
        }
    }
}
