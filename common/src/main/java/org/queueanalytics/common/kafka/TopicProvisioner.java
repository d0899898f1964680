package org.queueanalytics.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a topic when it is missing (an existing topic is left exactly as it is). Used by the
 * producer for the data and checkpoint topics and by the consumer for the dead-letter topic.
 */
public final class TopicProvisioner {
    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public void ensure(String topic, int partitions, short replicationFactor, Map<String, String> configs)
            throws TopicProvisioningException, InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                return;
            }
            NewTopic spec = new NewTopic(topic, partitions, replicationFactor).configs(configs);
            admin.createTopics(List.of(spec)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            throw new TopicProvisioningException("cannot create Kafka topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("Kafka did not answer within " + timeout + " while creating topic " + topic
                    + " (check kafka.bootstrap_servers)", e);
        }
    }

    /** A topic could not be created or checked. */
    public static final class TopicProvisioningException extends Exception {
        public TopicProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
