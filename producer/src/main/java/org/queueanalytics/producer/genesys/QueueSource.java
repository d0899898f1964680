package org.queueanalytics.producer.genesys;

import java.util.List;

/** The queues to poll (implemented by {@link QueueDirectory}). */
@FunctionalInterface
public interface QueueSource {
    List<Queue> queues() throws GenesysException, InterruptedException;
}
