package org.queueanalytics.producer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.CheckpointStore;

/** Checkpoints in a map, with the history of saves. */
final class InMemoryCheckpointStore implements CheckpointStore {
    final Map<String, Checkpoint> checkpoints = new HashMap<>();
    final List<Checkpoint> saves = new ArrayList<>();

    @Override
    public synchronized Optional<Checkpoint> get(String id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
        checkpoints.put(checkpoint.id(), checkpoint);
        saves.add(checkpoint);
    }

    @Override
    public synchronized Map<String, Checkpoint> all() {
        return Map.copyOf(checkpoints);
    }

    @Override
    public void close() {
    }
}
