package org.queueanalytics.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.producer.sharding.Shard;

class CheckpointJsonTest {
    @Test
    void aCheckpointSurvivesTheRoundTripThroughJson() {
        Checkpoint c = new Checkpoint("live/0/1", Instant.parse("2025-01-27T08:30:00Z"),
                Instant.parse("2025-01-27T06:00:00Z"), Instant.parse("2025-01-27T08:35:12.345Z"));

        assertThat(KafkaCheckpointStore.fromJson(c.id(), KafkaCheckpointStore.toJson(c))).contains(c);
    }

    @Test
    void aCheckpointWithoutDeepPollSurvivesTheRoundTrip() {
        Checkpoint c = new Checkpoint("live/0/1", Instant.parse("2025-01-27T08:30:00Z"), null, Instant.parse("2025-01-27T08:35:00Z"));

        assertThat(KafkaCheckpointStore.fromJson(c.id(), KafkaCheckpointStore.toJson(c))).contains(c);
    }

    @Test
    void anUnreadableCheckpointIsIgnored() {
        assertThat(KafkaCheckpointStore.fromJson("x", "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(KafkaCheckpointStore.fromJson("x", "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void idsNameTheShardAndTheRange() {
        assertThat(Checkpoint.liveId(new Shard(1, 4))).isEqualTo("live/1/4");
        assertThat(Checkpoint.rangeId(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"), Shard.ALL))
                .isEqualTo("range/2025-01-01T00:00:00Z/2025-02-01T00:00:00Z/0/1");
    }

    @Test
    void theDataTopicIsNeverCompactedAndTheCheckpointTopicIs() {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:9092", "genesys.queue-intervals", "dlq", "g", 12, (short) 1,
                java.time.Duration.ofDays(30));

        NewTopic data = ProducerTopics.dataTopic(kafka);
        NewTopic checkpoints = ProducerTopics.checkpointTopicSpec(kafka);

        assertThat(data.numPartitions()).isEqualTo(12);
        assertThat(data.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "2592000000");
        assertThat(checkpoints.name()).isEqualTo("genesys.queue-intervals.checkpoints");
        assertThat(checkpoints.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void theProducerIsIdempotentWithAcksAll() {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:9092", "t", "dlq", "g", 12, (short) 1, java.time.Duration.ofDays(30));

        Map<String, Object> config = KafkaRecordPublisher.producerConfig(kafka, "test");

        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "lz4").containsEntry("linger.ms", 20);
    }
}
