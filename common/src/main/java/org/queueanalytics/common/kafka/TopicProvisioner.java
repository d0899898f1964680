package org.queueanalytics.common.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
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
 * Creates topics when they are missing; an existing topic is left exactly as it is
 * ({@link TopicExistsException} counts as success, so several instances may race). Used by the
 * producer (data, checkpoint and shard-coordination topics) and the consumer (dead-letter topic).
 * Every topic gets {@code kafka.replication_factor} and, when set, {@code kafka.min_insync_replicas}
 * (see {@link #topic}); the admin client gets {@code kafka.client_properties}.
 */
public final class TopicProvisioner {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** A topic of {@code partitions} with the configured replication, {@code configs} plus min.insync.replicas when set. */
    public static NewTopic topic(KafkaSettings kafka, String name, int partitions, Map<String, String> configs) {
        Map<String, String> all = new LinkedHashMap<>(configs);
        kafka.minInsyncReplicas().ifPresent(n -> all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(n)));
        return new NewTopic(name, partitions, kafka.replicationFactor()).configs(all);
    }

    public static void ensure(KafkaSettings kafka, List<NewTopic> topics) throws TopicProvisioningException, InterruptedException {
        Properties props = KafkaClients.baseProperties(kafka);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            for (NewTopic topic : topics) {
                create(admin, topic);
            }
        }
    }

    private static void create(Admin admin, NewTopic topic) throws TopicProvisioningException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created Kafka topic {} ({} partitions, replication factor {}, {})", topic.name(),
                    topic.numPartitions(), topic.replicationFactor(), topic.configs());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            String fix = KafkaClients.securityHint(e.getCause()).orElse(
                    "check kafka.bootstrap_servers, kafka.replication_factor (at most the number of brokers), "
                    + "kafka.min_insync_replicas and the client's ACLs");
            throw new TopicProvisioningException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage()
                    + "; " + fix, e.getCause());
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s while creating topic "
                    + topic.name() + "; check kafka.bootstrap_servers and that the broker is up", e);
        }
    }

    /** A topic could not be created or checked. */
    public static final class TopicProvisioningException extends Exception {
        public TopicProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
