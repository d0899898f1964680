package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.producer.genesys.ScriptedGenesys;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.publish.ProducerTopics;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;

/** The producer against a real Kafka broker and a scripted Genesys Cloud peer. */
@ExtendWith(RealServersExtension.class)
class KafkaPublishIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUES_PATH = "/api/v2/routing/queues";
    private static final String AGGREGATES_PATH = "/api/v2/analytics/conversations/aggregates/query";

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
    private final String topic = "it.producer." + UUID.randomUUID();

    KafkaPublishIT() {
        genesys.respond("GET", QUEUES_PATH, r -> Reply.ok("{\"entities\":[{\"id\":\"q-sales\",\"name\":\"Sales\"},"
                + "{\"id\":\"q-support\",\"name\":\"Support\"}],\"pageNumber\":1,\"pageCount\":1}"));
        genesys.respond("POST", AGGREGATES_PATH, KafkaPublishIT::oneBucketPerQueue);
    }

    @AfterEach
    void stop() {
        genesys.close();
    }

    /** Answers with one voice bucket per queue named in the query, at the window's first interval. */
    private static Reply oneBucketPerQueue(ScriptedGenesys.Request request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            String start = body.path("interval").asText().split("/")[0];
            Instant bucketStart = Instant.parse(start);
            String interval = start + "/" + bucketStart.plus(Duration.ofMinutes(30)).toString().replace("Z", ".000Z");
            StringBuilder results = new StringBuilder();
            for (JsonNode predicate : body.path("filter").path("predicates")) {
                if (results.length() > 0) {
                    results.append(',');
                }
                results.append("{\"group\":{\"queueId\":\"").append(predicate.path("value").asText())
                        .append("\",\"mediaType\":\"voice\"},\"data\":[{\"interval\":\"").append(interval)
                        .append("\",\"metrics\":[{\"metric\":\"nOffered\",\"stats\":{\"count\":4}}]}]}");
            }
            return Reply.ok("{\"results\":[" + results + "]}");
        } catch (Exception e) {
            return Reply.json(500, "{\"message\":\"" + e + "\"}");
        }
    }

    private PipelineConfig config(RealServers servers) {
        return TestConfigs.config("", genesys.baseUrl().toString(), servers.kafkaBootstrapServers(), topic);
    }

    @Test
    void publishesEveryRecordKeyedByQueueAndCheckpointsTheWindow(RealServers servers) throws Exception {
        try (ProducerService service = ProducerService.create(config(servers), clock)) {
            PollReport report = service.runOnce();

            assertThat(report.windows()).isEqualTo(5);
            assertThat(report.records()).isEqualTo(10);
            assertThat(service.status().checkpoints()).containsEntry("live/0/1", Instant.parse("2025-01-27T08:30:00Z"));
        }

        List<ConsumerRecord<String, byte[]>> records = readAll(servers, topic, 10);
        assertThat(records).hasSize(10);
        for (ConsumerRecord<String, byte[]> record : records) {
            QueueIntervalRecord value = RecordJson.fromBytes(record.value());
            assertThat(record.key()).isEqualTo(value.queueId());
            assertThat(value.queueName()).isIn("Sales", "Support");
            assertThat(value.offered()).isEqualTo(4);
            assertThat(value.granularity()).isEqualTo("PT30M");
            assertThat(value.fetchedAt()).isEqualTo(clock.instant());
        }
        List<ConsumerRecord<String, byte[]>> checkpoints = readAll(servers, topic + ProducerTopics.CHECKPOINT_SUFFIX, 5);
        assertThat(checkpoints).extracting(ConsumerRecord::key).containsOnly("live/0/1");
        JsonNode last = JSON.readTree(new String(checkpoints.get(checkpoints.size() - 1).value(), StandardCharsets.UTF_8));
        assertThat(last.path("polled_until").asText()).isEqualTo("2025-01-27T08:30:00Z");
    }

    @Test
    void createsTheDataTopicUncompactedAndTheCheckpointTopicCompacted(RealServers servers) throws Exception {
        PipelineConfig config = config(servers);
        ProducerTopics.ensureTopics(config.kafka());
        ProducerTopics.ensureTopics(config.kafka()); // existing topics are fine

        try (Admin admin = admin(servers)) {
            String checkpointTopic = topic + ProducerTopics.CHECKPOINT_SUFFIX;
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic, checkpointTopic))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(topic).partitions()).hasSize(3);
            assertThat(topics.get(checkpointTopic).partitions()).hasSize(1);
            ConfigResource data = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigResource cps = new ConfigResource(ConfigResource.Type.TOPIC, checkpointTopic);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(data, cps)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(data).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(data).get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            assertThat(configs.get(cps).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void aRestartedProducerResumesFromTheCheckpointInKafka(RealServers servers) throws Exception {
        try (ProducerService first = ProducerService.create(config(servers), clock)) {
            first.runOnce();
        }
        int requestsBefore = genesys.requests(AGGREGATES_PATH).size();
        clock.advance(Duration.ofHours(10)); // down for ten hours: more than the six-hour lookback

        try (ProducerService second = ProducerService.create(config(servers), clock)) {
            PollReport report = second.runOnce();

            JsonNode firstQuery = JSON.readTree(genesys.requests(AGGREGATES_PATH).get(requestsBefore).body());
            // checkpoint 08:30 minus the 6 h lookback: nothing between the two runs is skipped
            assertThat(firstQuery.path("interval").asText()).startsWith("2025-01-27T02:30:00.000Z/");
            assertThat(report.polledUntil()).isEqualTo(Instant.parse("2025-01-27T18:30:00Z"));
            // the deep poll of the first run was read back: no second deep poll within 24 h
            assertThat(report.windows()).isEqualTo(1);
            assertThat(second.status().lastDeepPoll()).isEqualTo(Instant.parse("2025-01-27T08:47:00Z"));
        }
    }

    @Test
    void anInterruptedBackfillResumesAfterItsLastWindow(RealServers servers) throws Exception {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2025-01-04T23:59:59Z");
        try (ProducerService service = ProducerService.create(config(servers), clock)) {
            service.backfill(from, Instant.parse("2025-01-02T00:00:00Z"), ProgressListener.NONE);
            assertThat(service.backfill(from, to, ProgressListener.NONE).windows()).isEqualTo(4);
        }
        int before = genesys.requests(AGGREGATES_PATH).size();

        try (ProducerService again = ProducerService.create(config(servers), clock)) {
            PollReport report = again.backfill(from, to, ProgressListener.NONE);

            assertThat(report.windows()).isZero();
            assertThat(genesys.requests(AGGREGATES_PATH)).hasSize(before);
        }
    }

    private static Admin admin(RealServers servers) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        return Admin.create(config);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(RealServers servers, String topic, int atLeast) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            Collection<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !Set.copyOf(partitions).stream()
                    .allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records.size()).isGreaterThanOrEqualTo(atLeast);
        return records;
    }
}
