package org.queueanalytics.producer.publish;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.kafka.TopicProvisioner;
import org.queueanalytics.common.kafka.TopicProvisioner.TopicProvisioningException;

/**
 * The producer's topics, created when missing (see {@link org.queueanalytics.common.kafka.TopicProvisioner}).
 * <ul>
 *   <li>{@code kafka.topic}: {@code kafka.partitions}, {@code replication_factor}, {@code min_insync_replicas},
 *       {@code retention.ms} from {@code kafka.retention_days}, {@code cleanup.policy=delete} —
 *       never compacted: the key is the queue, not the interval, so compaction would erase history.</li>
 *   <li>the checkpoint topic {@code <topic>.checkpoints}: 1 partition, {@code cleanup.policy=compact}
 *       (only the newest checkpoint per key matters).</li>
 *   <li>when {@code observations.enabled}: {@code observations.topic} like the data topic ({@code kafka.partitions},
 *       replication, {@code min_insync_replicas}, retention, delete) — ensured by the observation poller's
 *       publisher when it opens, so a reload that enables observations creates it too.</li>
 * </ul>
 */
public final class ProducerTopics {
    public static final String CHECKPOINT_SUFFIX = ".checkpoints";

    private ProducerTopics() {
    }

    public static String checkpointTopic(KafkaSettings kafka) {
        return kafka.topic() + CHECKPOINT_SUFFIX;
    }

    static NewTopic dataTopic(KafkaSettings kafka) {
        return TopicProvisioner.topic(kafka, kafka.topic(), kafka.partitions(), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.retention().toMillis())));
    }

    static NewTopic checkpointTopicSpec(KafkaSettings kafka) {
        return TopicProvisioner.topic(kafka, checkpointTopic(kafka), 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    static NewTopic observationTopicSpec(KafkaSettings kafka, ObservationSettings observations) {
        return TopicProvisioner.topic(kafka, observations.topic(), kafka.partitions(), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.retention().toMillis())));
    }

    /** Ensures {@code observations.topic} exists (live queue state; key = queue id, never compacted: each record is one snapshot). */
    public static void ensureObservationTopic(KafkaSettings kafka, ObservationSettings observations)
            throws PublishException, InterruptedException {
        try {
            TopicProvisioner.ensure(kafka, List.of(observationTopicSpec(kafka, observations)));
        } catch (TopicProvisioningException e) {
            throw new PublishException(e.getMessage(), e.getCause());
        }
    }

    /** Ensures the data topic and the checkpoint topic exist. */
    public static void ensureTopics(KafkaSettings kafka) throws PublishException, InterruptedException {
        try {
            TopicProvisioner.ensure(kafka,
                    List.of(dataTopic(kafka), checkpointTopicSpec(kafka)));
        } catch (TopicProvisioningException e) {
            throw new PublishException(e.getMessage(), e.getCause());
        }
    }
}
