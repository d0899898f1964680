package org.queueanalytics.producer.sharding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.PipelineConfig;

/**
 * Which queue shards this producer instance polls (README "Scaling"): either one static
 * shard, or the shards the producers' Kafka group gives it ({@link GroupMembership}).
 *
 * <p>Thread-safe. {@link #current()} is a cheap immutable snapshot: a poll cycle takes one at its
 * start and polls those shards; it asks {@link #owns} again before each window and before each
 * checkpoint, so a shard revoked mid-cycle is abandoned without its checkpoint moving.
 */
public interface ShardOwnership extends AutoCloseable {
    OwnedShards current();

    default boolean owns(Shard shard) {
        return current().shards().contains(shard);
    }

    /** True when the owned shards can change while the producer runs (a rebalance). */
    boolean dynamic();

    /** How the shards are chosen, for {@code /status}: {@code static 1/3} or the group and its topic. */
    String describe();

    /** Why the ownership stopped for good, if it did (the producer must stop: the message names the fix). */
    default Optional<ShardingException> failure() {
        return Optional.empty();
    }

    /** Leaves the group, if any. Idempotent. */
    @Override
    default void close() {
    }

    /** Always exactly {@code shard}. */
    static ShardOwnership fixed(Shard shard) {
        Objects.requireNonNull(shard, "shard");
        OwnedShards owned = OwnedShards.of(0, List.of(shard));
        return new ShardOwnership() {
            @Override
            public OwnedShards current() {
                return owned;
            }

            @Override
            public boolean dynamic() {
                return false;
            }

            @Override
            public String describe() {
                return "static " + shard;
            }
        };
    }

    /** The static shard in force: the {@code --shard} override when given, else {@code producer.shard}, else none. */
    static Optional<Shard> staticShard(PipelineConfig config, Shard override) {
        if (override != null) {
            return Optional.of(override);
        }
        return config.producer().staticShard().map(s -> new Shard(s.index(), s.count()));
    }

    /**
     * The ownership {@code config} asks for: the static shard (see {@link #staticShard}) or membership
     * in the producers' group, which starts joining at once on a background thread.
     */
    static ShardOwnership forConfig(PipelineConfig config, Shard override) {
        return staticShard(config, override).map(ShardOwnership::fixed)
                .orElseGet(() -> GroupMembership.start(config.kafka(), config.producer().shards()));
    }

    /**
     * True when a reload from {@code previous} to {@code next} needs a new ownership (another group,
     * topic or cluster, or other client settings — e.g. credentials — to reach it).
     */
    static boolean changes(PipelineConfig previous, PipelineConfig next) {
        KafkaSettings a = previous.kafka();
        KafkaSettings b = next.kafka();
        return !previous.producer().equals(next.producer())
                || !a.bootstrapServers().equals(b.bootstrapServers())
                || !a.topic().equals(b.topic())
                || !a.groupId().equals(b.groupId())
                || a.replicationFactor() != b.replicationFactor()
                || !a.clientProperties().equals(b.clientProperties());
    }
}
