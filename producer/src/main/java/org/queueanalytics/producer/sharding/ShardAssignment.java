package org.queueanalytics.producer.sharding;

import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards the producers' group gave this instance: partition {@code k} of the coordination
 * topic is shard {@code k/count}. The rebalance callbacks (on the membership thread) change it; the
 * poll loop reads {@link #current()}, an immutable snapshot whose generation grows with every
 * change. Changes are serialized; a read is one volatile load.
 */
final class ShardAssignment {
    private static final Logger LOG = LoggerFactory.getLogger(ShardAssignment.class);

    private final int count;
    private final TreeSet<Integer> owned = new TreeSet<>();
    private final AtomicReference<OwnedShards> current = new AtomicReference<>(OwnedShards.NONE);

    ShardAssignment(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1 (was " + count + ")");
        }
        this.count = count;
    }

    OwnedShards current() {
        return current.get();
    }

    int count() {
        return count;
    }

    /**
     * Partitions added to this instance. A partition number of {@code count} or more (partitions
     * added to the topic after it was checked) holds no queue: it is ignored.
     */
    synchronized void assigned(Collection<Integer> partitions) {
        boolean changed = false;
        for (int p : partitions) {
            if (p < 0 || p >= count) {
                LOG.warn("Ignoring partition {} of the producers' coordination topic: there are only {} shards", p, count);
                continue;
            }
            changed |= owned.add(p);
        }
        publish(changed, "assigned", partitions);
    }

    /** Partitions taken from this instance (revoked in a rebalance, or lost with the session). */
    synchronized void revoked(Collection<Integer> partitions) {
        boolean changed = false;
        for (int p : partitions) {
            changed |= owned.remove(p);
        }
        publish(changed, "revoked", partitions);
    }

    /** Owns nothing (the membership ended). */
    synchronized void clear() {
        revoked(new TreeSet<>(owned));
    }

    private void publish(boolean changed, String what, Collection<Integer> partitions) {
        if (!changed) {
            return;
        }
        OwnedShards next = OwnedShards.of(current.get().generation() + 1, owned.stream().map(p -> new Shard(p, count)).toList());
        current.set(next);
        LOG.info("Producer shards {} {}; this instance now owns {} of {}: {}", what, new TreeSet<>(partitions), owned.size(),
                count, owned);
    }
}
