package org.queueanalytics.producer.publish;

import java.util.Map;
import java.util.Optional;

/** Where checkpoints live. {@link #save} returns only once the checkpoint is durable. */
public interface CheckpointStore extends AutoCloseable {
    Optional<Checkpoint> get(String id);

    void save(Checkpoint checkpoint) throws PublishException, InterruptedException;

    /** Every checkpoint known, by id (for the status endpoint). */
    Map<String, Checkpoint> all();

    @Override
    void close();
}
