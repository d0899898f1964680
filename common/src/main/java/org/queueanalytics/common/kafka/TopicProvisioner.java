package org.queueanalytics.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics when they are missing; an existing topic is left exactly as it is
 * ({@link TopicExistsException} counts as success, so several instances may race). Used by the
 * producer (data and checkpoint topics) and the consumer (dead-letter topic).
 */
public final class TopicProvisioner {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensure(String bootstrapServers, List<NewTopic> topics) throws TopicProvisioningException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
            throw new TopicProvisioningException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage()
                    + "; check kafka.bootstrap_servers, kafka.replication_factor (at most the number of brokers) "
                    + "and the client's ACLs", e.getCause());
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
