package org.queueanalytics.producer.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.queueanalytics.common.config.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the producer's topics when they are missing; an existing topic is left as it is
 * ({@link TopicExistsException} is success, so concurrent producers may race).
 * <ul>
 *   <li>{@code kafka.topic}: {@code kafka.partitions}, {@code replication_factor},
 *       {@code retention.ms} from {@code kafka.retention_days}, {@code cleanup.policy=delete} —
 *       never compacted: the key is the queue, not the interval, so compaction would erase history.</li>
 *   <li>the checkpoint topic {@code <topic>.checkpoints}: 1 partition, {@code cleanup.policy=compact}
 *       (only the newest checkpoint per key matters).</li>
 * </ul>
 */
public final class TopicProvisioner {
    public static final String CHECKPOINT_SUFFIX = ".checkpoints";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static String checkpointTopic(KafkaSettings kafka) {
        return kafka.topic() + CHECKPOINT_SUFFIX;
    }

    static NewTopic dataTopic(KafkaSettings kafka) {
        return new NewTopic(kafka.topic(), kafka.partitions(), kafka.replicationFactor()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.retention().toMillis())));
    }

    static NewTopic checkpointTopicSpec(KafkaSettings kafka) {
        return new NewTopic(checkpointTopic(kafka), 1, kafka.replicationFactor()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** Ensures the data topic and the checkpoint topic exist. */
    public static void ensureTopics(KafkaSettings kafka) throws PublishException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "queue-analytics-producer-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            for (NewTopic topic : List.of(dataTopic(kafka), checkpointTopicSpec(kafka))) {
                create(admin, topic);
            }
        }
    }

    private static void create(Admin admin, NewTopic topic) throws PublishException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created Kafka topic {} ({} partitions, replication factor {}, {})", topic.name(),
                    topic.numPartitions(), topic.replicationFactor(), topic.configs());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            throw new PublishException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage()
                    + "; check kafka.bootstrap_servers, kafka.replication_factor (at most the number of brokers) "
                    + "and the client's ACLs", e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s while creating topic "
                    + topic.name() + "; check kafka.bootstrap_servers and that the broker is up", e);
        }
    }
}
