package org.queueanalytics.producer;

import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.PipelineConfig;

/**
 * The part of the shared configuration file the poll loop reads: {@code oauth.*},
 * {@code analytics.*}, {@code retry.*}, {@code poll_interval_seconds}, {@code producer.*} and
 * every {@code kafka.*} key but {@code kafka.dlq_topic}. The consumer-only keys
 * ({@code clickhouse.*}, {@code batch.*}, {@code kafka.dlq_topic}) and {@code admin.*} (applied by
 * the admin server itself) are not part of it. Add a key here when the producer starts to read it.
 *
 * <p>{@code observations.*} is not part of it either: a change there restarts only the observation
 * poller ({@link #observationsChanged}), never the poll loop.
 */
final class PollingConfig {
    private PollingConfig() {
    }

    /** True when a key the poll loop reads differs between the two configurations. */
    static boolean changed(PipelineConfig previous, PipelineConfig next) {
        return !previous.oauth().equals(next.oauth())
                || !previous.analytics().equals(next.analytics())
                || !previous.retry().equals(next.retry())
                || !previous.pollInterval().equals(next.pollInterval())
                || !previous.producer().equals(next.producer())
                || kafkaChanged(previous.kafka(), next.kafka());
    }

    /**
     * True when a key the observation poller reads differs: {@code observations.*} but
     * {@code observations.table_name} (the consumer's).
     */
    static boolean observationsChanged(PipelineConfig previous, PipelineConfig next) {
        ObservationSettings a = previous.observations();
        ObservationSettings b = next.observations();
        return a.enabled() != b.enabled()
                || !a.interval().equals(b.interval())
                || !a.metrics().equals(b.metrics())
                || a.maxRequestsPerMinute() != b.maxRequestsPerMinute()
                || !a.topic().equals(b.topic());
    }

    private static boolean kafkaChanged(KafkaSettings a, KafkaSettings b) {
        return !a.bootstrapServers().equals(b.bootstrapServers())
                || !a.topic().equals(b.topic())
                || !a.groupId().equals(b.groupId())
                || a.partitions() != b.partitions()
                || a.replicationFactor() != b.replicationFactor()
                || !a.retention().equals(b.retention())
                || !a.minInsyncReplicas().equals(b.minInsyncReplicas())
                || !a.clientProperties().equals(b.clientProperties());
    }
}
