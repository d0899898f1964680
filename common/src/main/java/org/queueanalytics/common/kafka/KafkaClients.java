package org.queueanalytics.common.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.queueanalytics.common.config.KafkaSettings;

/**
 * The one place where a Kafka client's configuration starts: {@code kafka.client_properties}
 * (security, TLS, SASL, …) and {@code kafka.bootstrap_servers}. Each client then puts its own
 * settings on top, which win: the keys that carry a guarantee (acks, idempotence, offset commits,
 * isolation) cannot be in {@code client_properties} at all (refused at load).
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** A new mutable map: the client properties, then the bootstrap servers. */
    public static Map<String, Object> baseConfig(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties().values());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return config;
    }

    /** {@link #baseConfig} as {@link Properties}, for the clients built from those. */
    public static Properties baseProperties(KafkaSettings kafka) {
        Properties props = new Properties();
        props.putAll(baseConfig(kafka));
        return props;
    }

    /**
     * The fix for a failure whose cause chain holds Kafka's authentication or authorization error
     * (a wrong SASL password, an untrusted broker certificate, a missing ACL); empty for any other
     * failure. Classified by the exception type, never by its text; the text names settings, never values.
     */
    public static Optional<String> securityHint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException) {
                return Optional.of("Kafka refused the client's authentication (" + t.getClass().getSimpleName()
                        + "); check kafka.client_properties: security.protocol, sasl.mechanism, sasl.jaas.config "
                        + "(user name and password) and ssl.truststore.* (the broker's certificate)");
            }
            if (t instanceof AuthorizationException) {
                return Optional.of("Kafka refused an operation to this client (" + t.getClass().getSimpleName()
                        + "); grant the user of kafka.client_properties sasl.jaas.config the ACLs listed in the README "
                        + "(\"Production: Kafka\")");
            }
        }
        return Optional.empty();
    }
}
