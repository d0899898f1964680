package org.queueanalytics.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueObservationRecord;

class KafkaObservationPublisherTest {
    private static final KafkaSettings KAFKA = new KafkaSettings("127.0.0.1:1", "genesys.queue-intervals",
            "genesys.queue-intervals.dlq", "group", 6, (short) 3, Duration.ofDays(30)).withReplication((short) 3, OptionalInt.of(2));
    private static final ObservationSettings OBSERVATIONS = ObservationSettings.disabled().withEnabled(true);
    private static final Instant AT = Instant.parse("2026-12-05T07:40:15.123Z");

    @Test
    void publishesEachRecordToTheObservationTopicKeyedByQueueId() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        List<QueueObservationRecord> records = List.of(
                QueueObservationRecord.of("q1", "Sales", "voice", "oWaiting", "", 3, null, AT),
                QueueObservationRecord.of("q2", "Support", "", "oOnQueueUsers", "IDLE", 4, null, AT));

        new KafkaObservationPublisher(producer, KAFKA, OBSERVATIONS).publishAll(records);

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("genesys.queue-observations");
        assertThat(sent).extracting(ProducerRecord::key).containsExactly("q1", "q2");
        assertThat(ObservationJson.fromBytes(sent.get(1).value())).isEqualTo(records.get(1));
    }

    @Test
    void aRecordKafkaDidNotAcknowledgeIsAPublishException() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new TimeoutException("broker down (test)"))) {
                    // every record in flight fails
                }
            }
        };
        KafkaObservationPublisher publisher = new KafkaObservationPublisher(producer, KAFKA, OBSERVATIONS);

        assertThatThrownBy(() -> publisher.publishAll(List.of(QueueObservationRecord.of("q1", "Sales", "voice", "oWaiting", "", 3,
                null, AT)))).isInstanceOf(PublishException.class).hasMessageContaining("genesys.queue-observations")
                .hasMessageContaining("broker down");
    }

    @Test
    void theObservationTopicIsProvisionedLikeTheDataTopic() {
        NewTopic topic = ProducerTopics.observationTopicSpec(KAFKA, OBSERVATIONS);
        NewTopic data = ProducerTopics.dataTopic(KAFKA);

        assertThat(topic.name()).isEqualTo("genesys.queue-observations");
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).isEqualTo(data.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis()));
    }
}
