package org.queueanalytics.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kafka.client_properties}: Kafka client settings (security.protocol, sasl.*, ssl.*, …)
 * given to every Kafka client the services create — producers, consumers and admin clients.
 *
 * <p>Values whose key contains {@code password}, {@code jaas} or {@code secret} are secrets:
 * {@link #toString()} masks them and {@link #secrets()} hands them to {@link Secret#redactAll}.
 *
 * <p>Keys that carry one of the pipeline's guarantees (or that have their own setting) are
 * refused at load, see {@link #RESERVED}; every other key a client sets itself (client.id,
 * timeouts, batching) is overridden by the client's own value.
 */
public record KafkaClientProperties(Map<String, String> values) {

    /** Keys that {@code kafka.client_properties} may not set, with the reason named in the error. */
    public static final Map<String, String> RESERVED = reserved();

    private static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());

    public KafkaClientProperties {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static KafkaClientProperties none() {
        return NONE;
    }

    /** Whether the value of {@code key} is a secret (its name contains password, jaas or secret). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret");
    }

    /** A password or secret (a JAAS line may span lines; a password may not hold a control character). */
    private static boolean isPasswordKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret");
    }

    /** The secret values, for {@link Secret#redactAll}. */
    public List<Secret> secrets() {
        List<Secret> out = new ArrayList<>();
        values.forEach((key, value) -> {
            if (isSecretKey(key)) {
                out.add(Secret.of(value));
            }
        });
        return List.copyOf(out);
    }

    /** The keys and values with every secret value replaced by {@code ****}: safe for logs and answers. */
    public Map<String, String> redacted() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, isSecretKey(key) ? "****" : value));
        return out;
    }

    @Override
    public String toString() {
        return redacted().toString();
    }

    /** Reads and checks {@code client_properties} of the {@code kafka} section; problems are named by their key. */
    static KafkaClientProperties read(ConfigSection kafka, String key) {
        Map<String, String> values = kafka.stringMap(key);
        Map<String, String> accepted = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String reason = RESERVED.get(name.trim());
            if (name.isBlank() || !name.equals(name.trim())) {
                kafka.error(key, "has an empty key or a key with surrounding spaces (\"" + name + "\")");
            } else if (reason != null) {
                kafka.error(key + "." + name, "may not be set here: " + reason);
            } else if (isPasswordKey(name) && SecretRules.hasControlCharacter(value)) {
                kafka.error(key + "." + name, SecretRules.CONTROL_CHARACTER);
            } else {
                accepted.put(name, value);
            }
        });
        return new KafkaClientProperties(accepted);
    }

    private static Map<String, String> reserved() {
        String producer = "the producer's acks=all with idempotence is the delivery guarantee (README \"Delivery guarantees\")";
        String consumer = "the consumer commits offsets only after ClickHouse acknowledged the rows, and reads committed records only";
        String format = "the record format is the pipeline's own";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "use kafka.bootstrap_servers");
        m.put("group.id", "use kafka.group_id");
        m.put("acks", producer);
        m.put("enable.idempotence", producer);
        m.put("transactional.id", producer);
        m.put("enable.auto.commit", consumer);
        m.put("isolation.level", consumer);
        m.put("key.serializer", format);
        m.put("value.serializer", format);
        m.put("key.deserializer", format);
        m.put("value.deserializer", format);
        return Collections.unmodifiableMap(m);
    }
}
