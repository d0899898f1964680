package org.queueanalytics.producer.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;

class ShardOwnershipTest {
    private static PipelineConfig config(String producerSection, String kafkaExtra) {
        try {
            return new ConfigLoader(Map.of()).parse("""
                    {"oauth":{"client_id":"i","client_secret":"s"},
                     "kafka":{"bootstrap_servers":"127.0.0.1:1","group_id":"g"%s}%s}
                    """.formatted(kafkaExtra, producerSection.isEmpty() ? "" : ",\"producer\":" + producerSection), "t");
        } catch (ConfigException e) {
            throw new AssertionError(e.errors().toString(), e);
        }
    }

    @Test
    void theCommandLineShardWinsOverTheConfiguredOne() {
        PipelineConfig pinned = config("{\"shard\":\"1/3\"}", "");

        assertThat(ShardOwnership.staticShard(pinned, null)).contains(new Shard(1, 3));
        assertThat(ShardOwnership.staticShard(pinned, new Shard(0, 2))).contains(new Shard(0, 2));
        assertThat(ShardOwnership.staticShard(config("", ""), null)).isEmpty();
    }

    @Test
    void aStaticShardJoinsNoGroupAndNeverChanges() {
        try (ShardOwnership fixed = ShardOwnership.forConfig(config("{\"shard\":\"2/4\"}", ""), null)) {
            assertThat(fixed.dynamic()).isFalse();
            assertThat(fixed.current().names()).containsExactly("2/4");
            assertThat(fixed.describe()).isEqualTo("static 2/4");
            assertThat(fixed.owns(new Shard(2, 4))).isTrue();
            assertThat(fixed.owns(new Shard(1, 4))).isFalse();
        }
    }

    @Test
    void withoutAStaticShardTheProducersShareTheShardsThroughTheirGroup() {
        PipelineConfig config = config("{\"shards\":8}", ",\"topic\":\"t1\"");
        assertThat(ShardOwnership.staticShard(config, null)).isEmpty();
        try (ShardOwnership group = new GroupMembership(config.kafka(), 8, () -> new MockConsumer<>("latest"))) {
            assertThat(group.dynamic()).isTrue();
            assertThat(group.describe()).isEqualTo("group g.producers on topic t1.shards (8 shards)");
            assertThat(group.current().isEmpty()).isTrue();
        }
    }

    @Test
    void onlyAChangeOfGroupTopicClusterOrShardingNeedsANewMembership() {
        PipelineConfig base = config("", "");

        assertThat(ShardOwnership.changes(base, base.withPollInterval(java.time.Duration.ofSeconds(7)))).isFalse();
        assertThat(ShardOwnership.changes(base, config("{\"shards\":32}", ""))).isTrue();
        assertThat(ShardOwnership.changes(base, config("{\"shard\":\"0/2\"}", ""))).isTrue();
        assertThat(ShardOwnership.changes(base, config("", ",\"topic\":\"other\""))).isTrue();
        assertThat(ShardOwnership.changes(base, config("", ",\"partitions\":6"))).isFalse();
    }

    @Test
    void theGroupConsumerUsesTheCooperativeStickyAssignorAndReadsNothing() {
        Map<String, Object> consumer = GroupMembership.consumerConfig(config("", "").kafka());

        assertThat(consumer).containsEntry("group.id", "g.producers")
                .containsEntry("group.protocol", "classic")
                .containsEntry("partition.assignment.strategy", org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName())
                .containsEntry("enable.auto.commit", false)
                .containsEntry("allow.auto.create.topics", false);
    }
}
