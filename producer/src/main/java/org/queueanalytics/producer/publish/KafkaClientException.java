package org.queueanalytics.producer.publish;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.kafka.KafkaClients;

/**
 * A Kafka client of the producer (topic admin, checkpoint reader or writer, record publisher)
 * could not be created from {@code kafka.*}: no address of {@code kafka.bootstrap_servers}
 * resolves, or Kafka rejects a {@code kafka.client_properties} value. Waiting does not fix it, so
 * the producer stops (exit 1) with this message, which names the keys to check and never a
 * secret's value. A broker that is merely down is a {@link PublishException} (retried).
 */
public final class KafkaClientException extends RuntimeException {
    private KafkaClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Classifies {@code failure}, thrown while a client of {@code kafka} was being created. */
    public static KafkaClientException creating(KafkaSettings kafka, KafkaException failure) {
        String fix = KafkaClients.securityHint(failure).orElse("check kafka.bootstrap_servers (host:port pairs this "
                + "machine can resolve) and kafka.client_properties");
        String reasons = Secret.redactAll(reasons(failure), kafka.clientProperties().secrets());
        return new KafkaClientException("Kafka client: cannot create a client for kafka.bootstrap_servers="
                + kafka.bootstrapServers() + " (" + reasons + "); " + fix, failure);
    }

    /** The messages along the cause chain, e.g. "Failed to create new KafkaAdminClient: No resolvable bootstrap urls …". */
    private static String reasons(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage());
            }
        }
        return messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", messages);
    }
}
