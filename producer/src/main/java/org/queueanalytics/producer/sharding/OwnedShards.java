package org.queueanalytics.producer.sharding;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The shards one instance owns at one moment: an immutable snapshot.
 *
 * @param generation grows with every change of the set (a rebalance that moved a shard to or from
 *                   this instance); a cycle that sees a new generation reads the checkpoints again,
 *                   because another instance may have advanced the ones it took over
 * @param shards     the shards, each polled under its own checkpoint
 */
public record OwnedShards(long generation, Set<Shard> shards) {
    public static final OwnedShards NONE = new OwnedShards(0, Set.of());

    public OwnedShards {
        shards = Set.copyOf(Objects.requireNonNull(shards, "shards"));
    }

    static OwnedShards of(long generation, Collection<Shard> shards) {
        return new OwnedShards(generation, Set.copyOf(shards));
    }

    public boolean isEmpty() {
        return shards.isEmpty();
    }

    /** The shards as {@code "i/n"}, by index: for {@code /status} and logs. */
    public List<String> names() {
        return shards.stream().sorted(Comparator.comparingInt(Shard::count).thenComparingInt(Shard::index))
                .map(Shard::toString).toList();
    }
}
