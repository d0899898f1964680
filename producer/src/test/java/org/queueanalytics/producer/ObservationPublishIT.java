package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.ScriptedGenesys;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.observations.ObservationAnswers;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;

/**
 * The production service with observations enabled, against a real Kafka broker and a scripted Genesys
 * peer that answers the observations query as the contract shows: the observation topic is created like
 * the data topic, and the snapshots arrive on it keyed by queue id, next to the interval records.
 */
@ExtendWith(RealServersExtension.class)
class ObservationPublishIT {
    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final String topic = "it.producer." + UUID.randomUUID();
    private final String observationTopic = "it.observations." + UUID.randomUUID();

    ObservationPublishIT() {
        genesys.respond("GET", "/api/v2/routing/queues", r -> Reply.ok("{\"entities\":[{\"id\":\"q-sales\",\"name\":\"Sales\"},"
                + "{\"id\":\"q-support\",\"name\":\"Support\"}],\"pageNumber\":1,\"pageCount\":1}"));
        genesys.respond("POST", "/api/v2/analytics/conversations/aggregates/query", r -> Reply.ok("{}"));
        genesys.respond("POST", GenesysHttpClient.OBSERVATIONS_PATH, ObservationAnswers::answer);
    }

    @AfterEach
    void stop() {
        genesys.close();
    }

    @Test
    void snapshotsArriveOnTheirOwnTopicKeyedByQueue(RealServers servers) throws Exception {
        PipelineConfig config = TestConfigs.config("", genesys.baseUrl().toString(), servers.kafkaBootstrapServers(), topic)
                .withObservations(new ObservationSettings(true, Duration.ofSeconds(5), ObservationSettings.DEFAULT_METRICS, 60,
                        observationTopic, ObservationSettings.DEFAULT_TABLE));
        try (ProducerService service = ProducerService.create(config, Clock.systemUTC())) {
            service.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> service.observationStatus().recordsPublished() >= 6);
            assertThat(service.observationStatus().snapshots().get("complete")).isPositive();
            assertThat(service.observationStatus().lastSnapshotAt()).isNotNull();
        }

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(servers.kafkaBootstrapServers(), observationTopic);
        assertThat(records).hasSizeGreaterThanOrEqualTo(6);
        for (ConsumerRecord<String, byte[]> record : records) {
            QueueObservationRecord value = ObservationJson.fromBytes(record.value());
            assertThat(record.key()).isEqualTo(value.queueId());
            assertThat(value.queueName()).isEqualTo(value.queueId().equals("q-sales") ? "Sales" : "Support");
            assertThat(value.metric()).isIn("oWaiting", "oLongestWaiting", "oOnQueueUsers");
        }
        assertThat(records).extracting(r -> ObservationJson.fromBytes(r.value()).metric()).contains("oLongestWaiting");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(observationTopic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(observationTopic);
            assertThat(description.partitions()).hasSize(config.kafka().partitions());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, observationTopic);
            Config topicConfig = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(topicConfig.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(config.kafka().retention().toMillis()));
            assertThat(topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }
}
