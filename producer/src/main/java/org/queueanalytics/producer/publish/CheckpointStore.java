package org.queueanalytics.producer.publish;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.queueanalytics.producer.sharding.Shard;

/** Where checkpoints live. {@link #save} returns only once the checkpoint is durable. */
public interface CheckpointStore extends AutoCloseable {
    Optional<Checkpoint> get(String id);

    /**
     * Where the live cycle of {@code shard} starts: its own checkpoint, else the oldest checkpoint of
     * a coarser shard that holds all its queues ({@link Shard#enclosing()}) — e.g. {@code live/0/1}
     * of a single producer before the instances shared {@code producer.shards}. Nothing is skipped:
     * every queue of the shard was polled up to there.
     */
    default Optional<Checkpoint> live(Shard shard) {
        Optional<Checkpoint> own = get(Checkpoint.liveId(shard));
        if (own.isPresent()) {
            return own;
        }
        return shard.enclosing().stream().map(s -> get(Checkpoint.liveId(s))).flatMap(Optional::stream)
                .min(Comparator.comparing(Checkpoint::polledUntil));
    }

    /**
     * Reads the durable copy again. Called after a rebalance: a shard this instance took over was
     * checkpointed by another instance. A store that only this process writes has nothing to do.
     */
    default void reload() throws PublishException, InterruptedException {
    }

    void save(Checkpoint checkpoint) throws PublishException, InterruptedException;

    /** Every checkpoint known, by id (for the status endpoint). */
    Map<String, Checkpoint> all();

    @Override
    void close();
}
