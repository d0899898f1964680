package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.AnalyticsSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.kafka.TopicProvisioner;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.producer.genesys.AggregatesClient;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.genesys.QueueDirectory;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.KafkaCheckpointStore;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.GroupMembership;
import org.queueanalytics.producer.sharding.OwnedShards;
import org.queueanalytics.producer.time.StopSignal;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Producers scale out through Kafka group membership (README "Scaling"): two instances in
 * one group split 1,000 emulated queues with no overlap and no gap; when one stops, the survivor
 * takes over its shards in one rebalance and resumes them from the stopped one's checkpoints.
 * Real Kafka, the Genesys emulator, the system clock, a two-second poll interval.
 */
@ExtendWith(RealServersExtension.class)
class ProducerScalingIT {
    private static final Duration LOOKBACK = Duration.ofHours(1);
    private static final Duration AWAIT = Duration.ofSeconds(90);

    /** One producer instance: the production wiring, with the aggregates calls recorded. */
    private static final class Instance implements AutoCloseable {
        final String name;
        final GroupMembership membership;
        final ProducerService service;
        final List<Fetch> fetches = Collections.synchronizedList(new ArrayList<>());

        record Fetch(Set<String> queueIds, TimeWindow window) {
        }

        Instance(String name, PipelineConfig config) {
            this.name = name;
            Clock clock = Clock.systemUTC();
            StopSignal stop = new StopSignal();
            AnalyticsSettings analytics = config.analytics();
            GenesysHttpClient http = GenesysHttpClient.create(config.oauth(), analytics.maxRequestsPerMinute(), config.retry(), clock, stop);
            QueueDirectory directory = new QueueDirectory(http, analytics.queueIds(), clock, QueueDirectory.DEFAULT_REFRESH);
            AggregatesClient aggregates = new AggregatesClient(http, analytics.interval(), analytics.mediaTypes(), clock);
            IntervalStatistics recorded = new IntervalStatistics() {
                @Override
                public List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) throws GenesysException, InterruptedException {
                    fetches.add(new Fetch(queues.stream().map(Queue::id).collect(Collectors.toSet()), window));
                    return aggregates.fetch(queues, window);
                }
            };
            this.membership = GroupMembership.start(config.kafka(), config.producer().shards());
            this.service = ProducerWiring.forConfig(config).clock(clock).shards(membership).stop(stop)
                    .genesys(new GenesysInputs(directory, recorded, http::requestsSent, () -> http.tokens().tokensIssued()))
                    .kafka(() -> KafkaOutputs.open(config.kafka())).service();
            service.start();
        }

        OwnedShards owned() {
            return membership.current();
        }

        long cycles() {
            return service.status().cyclesSucceeded();
        }

        Set<String> polled() {
            synchronized (fetches) {
                return fetches.stream().flatMap(f -> f.queueIds().stream()).collect(Collectors.toSet());
            }
        }

        /** Waits for {@code n} more successful cycles, the last of which started after this call. */
        void awaitCycles(int n) {
            long target = cycles() + n;
            await().atMost(AWAIT).until(() -> cycles() >= target);
            assertThat(service.status().lastError()).as(name).isNull();
        }

        @Override
        public void close() {
            try {
                service.close();
            } finally {
                membership.close(); // leaves the group: the others rebalance at once
            }
        }
    }

    @Test
    void twoProducersSplitTheQueuesExactlyAndTheSurvivorTakesOverFromTheCheckpoints(RealServers servers, @TempDir Path dir)
            throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(1000).seed(53).rateLimitPerMinute(100_000).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).pollIntervalSeconds(2)
                    .analytics("{\"interval\":\"PT30M\",\"lookback_seconds\":" + LOOKBACK.toSeconds()
                            + ",\"deep_lookback_seconds\":14400,\"max_requests_per_minute\":100000}");
            PipelineConfig config = VirtualTime.load(cfg, dir);
            assertThat(config.producer().shards()).isEqualTo(16);
            assertThat(config.producer().staticShard()).isEmpty();
            Set<String> everyQueue = emulator.queues().stream().map(EmulatedQueue::idString).collect(Collectors.toSet());
            assertThat(everyQueue).hasSize(1000);

            Instance a = new Instance("a", config);
            Instance b = null;
            try {
                // alone, A owns every shard
                await().atMost(AWAIT).until(() -> a.owned().shards().size() == 16);
                a.awaitCycles(1);

                // B joins: the group splits the shards between them
                b = new Instance("b", config);
                Instance second = b;
                await().atMost(AWAIT).until(() -> !a.owned().isEmpty() && !second.owned().isEmpty()
                        && a.owned().shards().size() + second.owned().shards().size() == 16
                        && union(a.owned(), second.owned()).size() == 16);
                long generationA = a.owned().generation();
                long generationB = b.owned().generation();
                a.fetches.clear();
                b.fetches.clear();
                a.awaitCycles(2);
                b.awaitCycles(2);
                assertThat(a.owned().generation()).as("no rebalance while measuring").isEqualTo(generationA);
                assertThat(b.owned().generation()).as("no rebalance while measuring").isEqualTo(generationB);

                Set<String> polledA = a.polled();
                Set<String> polledB = b.polled();
                assertThat(polledA).isNotEmpty().isEqualTo(queuesOf(everyQueue, a.owned()));
                assertThat(polledB).isNotEmpty().isEqualTo(queuesOf(everyQueue, b.owned()));
                assertThat(intersection(polledA, polledB)).as("queues polled by both").isEmpty();
                assertThat(union(polledA, polledB)).as("queues polled by either").isEqualTo(everyQueue);
                assertThat(a.service.status().checkpoints().keySet()).containsExactlyInAnyOrderElementsOf(liveIds(a.owned()));

                // A stops (as on SIGTERM); B takes over its shards in one rebalance
                OwnedShards leftByA = a.owned();
                a.close();
                Map<String, Instant> checkpointsOfA = readCheckpoints(config, leftByA);
                assertThat(checkpointsOfA).hasSize(leftByA.shards().size());
                await().atMost(AWAIT).until(() -> second.owned().shards().size() == 16);
                b.fetches.clear();
                b.awaitCycles(2);

                assertThat(b.polled()).as("the survivor polls every queue").isEqualTo(everyQueue);
                Set<String> queuesOfA = queuesOf(everyQueue, leftByA);
                Instance.Fetch takeover;
                synchronized (b.fetches) {
                    takeover = b.fetches.stream().filter(f -> f.queueIds().stream().anyMatch(queuesOfA::contains)).findFirst()
                            .orElseThrow();
                }
                Instant resumedFrom = leftByA.shards().stream().filter(s -> takeover.queueIds().stream().anyMatch(s::contains))
                        .map(s -> checkpointsOfA.get(Checkpoint.liveId(s))).min(Instant::compareTo).orElseThrow().minus(LOOKBACK);
                assertThat(takeover.window().start())
                        .as("a taken-over shard resumes at its checkpoint minus the lookback, without a deep re-poll")
                        .isEqualTo(resumedFrom);
                Map<String, Instant> afterTakeover = b.service.status().checkpoints();
                assertThat(afterTakeover.keySet()).containsExactlyInAnyOrderElementsOf(liveIds(b.owned()));
                checkpointsOfA.forEach((id, polledUntil) -> assertThat(afterTakeover.get(id)).as(id).isAfterOrEqualTo(polledUntil));
            } finally {
                a.close();
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    @Test
    void aCoordinationTopicWithAnotherShardCountStopsTheMembershipWithTheFix(RealServers servers, @TempDir Path dir)
            throws Exception {
        PipelineConfig config = VirtualTime.load(new TestConfig(servers), dir);
        TopicProvisioner.ensure(config.kafka(),
                List.of(new NewTopic(GroupMembership.topic(config.kafka()), 4, config.kafka().replicationFactor())));

        try (GroupMembership membership = GroupMembership.start(config.kafka(), 16)) {
            await().atMost(AWAIT).until(() -> membership.failure().isPresent());

            assertThat(membership.failure().orElseThrow()).hasMessageContaining("has 4 partitions but producer.shards is 16")
                    .hasMessageContaining("set producer.shards to 4");
            assertThat(membership.current().isEmpty()).isTrue();
        }
    }

    private static Set<String> queuesOf(Set<String> queues, OwnedShards owned) {
        return queues.stream().filter(q -> owned.shards().stream().anyMatch(s -> s.contains(q))).collect(Collectors.toSet());
    }

    private static List<String> liveIds(OwnedShards owned) {
        return owned.shards().stream().map(Checkpoint::liveId).toList();
    }

    private static <T> Set<T> union(Set<T> x, Set<T> y) {
        Set<T> out = new HashSet<>(x);
        out.addAll(y);
        return out;
    }

    private static Set<Shard> union(OwnedShards x, OwnedShards y) {
        return union(x.shards(), y.shards());
    }

    private static <T> Set<T> intersection(Set<T> x, Set<T> y) {
        Set<T> out = new HashSet<>(x);
        out.retainAll(y);
        return out;
    }

    /** The checkpoints in Kafka, as the next owner reads them. */
    private static Map<String, Instant> readCheckpoints(PipelineConfig config, OwnedShards shards) throws Exception {
        Map<String, Instant> out = new HashMap<>();
        try (KafkaCheckpointStore store = KafkaCheckpointStore.open(config.kafka(), "scaling-it")) {
            for (Shard shard : shards.shards()) {
                store.get(Checkpoint.liveId(shard)).ifPresent(c -> out.put(c.id(), c.polledUntil()));
            }
        }
        return out;
    }
}
