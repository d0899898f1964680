package org.queueanalytics.common.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Kafka cluster, the topic that joins the two stages, its dead-letter topic and the consumer group;
 * the client settings every Kafka client gets ({@link KafkaClientProperties}) and the replication of the
 * topics the services create ({@code replication_factor}, {@code min_insync_replicas}: unset = the broker's).
 */
public record KafkaSettings(
        String bootstrapServers,
        String topic,
        String dlqTopic,
        String groupId,
        int partitions,
        short replicationFactor,
        Duration retention,
        OptionalInt minInsyncReplicas,
        KafkaClientProperties clientProperties) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_TOPIC = "genesys.queue-intervals";
    public static final String DEFAULT_DLQ_TOPIC = "genesys.queue-intervals.dlq";
    public static final String DEFAULT_GROUP = "queue-analytics-clickhouse";
    public static final int DEFAULT_PARTITIONS = 12;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(minInsyncReplicas, "minInsyncReplicas");
        Objects.requireNonNull(clientProperties, "clientProperties");
        if (topic.equals(dlqTopic)) {
            throw new IllegalArgumentException("kafka.dlq_topic: must differ from kafka.topic");
        }
        if (minInsyncReplicas.isPresent() && minInsyncReplicas.getAsInt() > replicationFactor) {
            throw new IllegalArgumentException("kafka.min_insync_replicas: must be at most kafka.replication_factor ("
                    + replicationFactor + ") (was " + minInsyncReplicas.getAsInt() + "); with acks=all a write would never "
                    + "be acknowledged. Production advice: replication_factor 3, min_insync_replicas 2");
        }
    }

    /** Settings without client properties and with the broker's min.insync.replicas (local, tests). */
    public KafkaSettings(String bootstrapServers, String topic, String dlqTopic, String groupId, int partitions,
            short replicationFactor, Duration retention) {
        this(bootstrapServers, topic, dlqTopic, groupId, partitions, replicationFactor, retention,
                OptionalInt.empty(), KafkaClientProperties.none());
    }

    public KafkaSettings withClientProperties(KafkaClientProperties properties) {
        return new KafkaSettings(bootstrapServers, topic, dlqTopic, groupId, partitions, replicationFactor, retention,
                minInsyncReplicas, properties);
    }

    public KafkaSettings withReplication(short newReplicationFactor, OptionalInt newMinInsyncReplicas) {
        return new KafkaSettings(bootstrapServers, topic, dlqTopic, groupId, partitions, newReplicationFactor, retention,
                newMinInsyncReplicas, clientProperties);
    }

    static KafkaSettings read(ConfigSection s) {
        String bootstrap = nonBlank(s, "bootstrap_servers", DEFAULT_BOOTSTRAP);
        String topic = topicName(s, "topic", DEFAULT_TOPIC);
        String dlq = topicName(s, "dlq_topic", DEFAULT_DLQ_TOPIC);
        String group = nonBlank(s, "group_id", DEFAULT_GROUP);
        int partitions = (int) s.integer("partitions", DEFAULT_PARTITIONS, 1, 10_000);
        short rf = (short) s.integer("replication_factor", DEFAULT_REPLICATION_FACTOR, 1, 32);
        long retentionDays = s.integer("retention_days", DEFAULT_RETENTION.toDays(), 1, 3650);
        long minIsrValue = s.integer("min_insync_replicas", 0, 1, 32); // 0 = absent: the broker's default
        OptionalInt minIsr = minIsrValue == 0 ? OptionalInt.empty() : OptionalInt.of((int) minIsrValue);
        KafkaClientProperties clientProperties = KafkaClientProperties.read(s, "client_properties");
        return s.build(() -> new KafkaSettings(bootstrap, topic, dlq, group, partitions, rf, Duration.ofDays(retentionDays),
                minIsr, clientProperties));
    }

    private static String nonBlank(ConfigSection s, String key, String defaultValue) {
        String value = s.string(key, defaultValue);
        if (value.isBlank()) {
            s.error(key, "must not be empty");
            return defaultValue;
        }
        return value.trim();
    }

    private static String topicName(ConfigSection s, String key, String defaultValue) {
        String value = nonBlank(s, key, defaultValue);
        if (value.length() > 249 || !value.matches("[A-Za-z0-9._-]+")) {
            s.error(key, "must be a Kafka topic name: letters, digits, '.', '_' and '-' (was \"" + value + "\")");
            return defaultValue;
        }
        return value;
    }
}
