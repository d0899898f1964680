package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.TestTopics;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/** The consumer against a real Kafka broker and a real ClickHouse server. */
@ExtendWith(RealServersExtension.class)
class ConsumerPipelineIT {
    private static final Instant DAY = Instant.parse("2025-01-27T00:00:00Z");

    static QueueIntervalRecord record(int i, String name) {
        Instant start = DAY.plus(Duration.ofMinutes(30L * (i / 50)));
        return QueueIntervalRecord.builder().queueId("queue-" + (i % 50)).queueName(name)
                .mediaType(i % 3 == 0 ? "chat" : "voice").intervalStart(start)
                .intervalEnd(start.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(Instant.ofEpochMilli(1_737_966_912_345L + i)).offered(40 + i % 7).answered(35).abandoned(3)
                .serviceLevelPct(78.05).shortAbandoned(1).flowOuts(1).overSla(6).slNumerator(32).slDenominator(41)
                .slTarget(0.8).answerTimeMs(456_000L + i).waitTimeMs(820_200).talkTimeMs(7_560_000)
                .holdTimeMs(151_584).acwTimeMs(560_000).handleTimeMs(8_271_584).handleCount(35).transferred(2).build();
    }

    @Test
    void storesEveryRecordExactlyAndCommitsOffsetsOnlyAfterInsert(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":700,\"linger_ms\":200}");
        List<QueueIntervalRecord> sent = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sent.add(record(i, i % 10 == 0 ? "Støtte 'quoted' \\ back\nslash\t😀 '); DROP TABLE x; --" : "Queue " + (i % 50)));
        }
        produce(servers, cfg.topic(), sent.stream().map(r -> new ProducerRecord<>(cfg.topic(), bytes(r.queueId()), RecordJson.toBytes(r))).toList());

        try (ConsumerService service = start(cfg, dir)) {
            ClickHouseClient ch = client(servers, cfg, dir);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(ch, cfg) == sent.size());
            String roundTrip = ch.query("SELECT queue_name FROM " + cfg.database() + "." + cfg.table()
                    + " FINAL WHERE queue_id = 'queue-0' AND interval_start = '2025-01-27 00:00:00' AND media_type = 'chat' FORMAT JSONEachRow");
            assertThat(roundTrip).contains("Støtte \\'quoted\\' \\\\ back\\nslash\\t😀 \\'); DROP TABLE x; --".replace("\\'", "'"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committed(servers, cfg)).isEqualTo(endOffsets(servers, cfg.topic())));
            assertThat(service.metrics().rowsInserted()).isGreaterThanOrEqualTo(sent.size());
        }
    }

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void sendsExactlyThePoisonRecordsToTheDeadLetterTopicAndStoresTheRest(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":500,\"linger_ms\":200}");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int good = 0;
        int poison = 0;
        for (int i = 0; i < 2000; i++) {
            QueueIntervalRecord r = record(i, "Queue " + i % 50);
            byte[] value = RecordJson.toBytes(r);
            if (i % 97 == 5) {
                value = "{not json".getBytes(StandardCharsets.UTF_8);
                poison++;
            } else if (i % 97 == 40) {
                value = new String(value, StandardCharsets.UTF_8).replace("\"answered\":35", "\"answered\":3000000000").getBytes(StandardCharsets.UTF_8);
                poison++;
            } else if (i % 97 == 70) {
                value = new String(value, StandardCharsets.UTF_8).replace("\"abandoned\":3", "\"abandoned\":-3").getBytes(StandardCharsets.UTF_8);
                poison++;
            } else {
                good++;
            }
            records.add(new ProducerRecord<>(cfg.topic(), bytes(r.queueId()), value));
        }
        produce(servers, cfg.topic(), records);

        try (ConsumerService service = start(cfg, dir)) {
            ClickHouseClient ch = client(servers, cfg, dir);
            int expectedGood = good;
            await().atMost(Duration.ofSeconds(60)).until(() -> count(ch, cfg) == expectedGood);
            List<ConsumerRecord<byte[], byte[]>> dlq = readAll(servers, cfg.dlqTopic(), poison);
            assertThat(dlq).hasSize(poison);
            assertThat(dlq).allSatisfy(r -> {
                assertThat(r.headers().lastHeader(DeadLetterPublisher.ORIGINAL_TOPIC).value()).asString(StandardCharsets.UTF_8).isEqualTo(cfg.topic());
                assertThat(r.headers().lastHeader(DeadLetterPublisher.ERROR_MESSAGE)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetterPublisher.ORIGINAL_OFFSET)).isNotNull();
            });
            assertThat(dlq).extracting(r -> new String(r.headers().lastHeader(DeadLetterPublisher.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
                    .anySatisfy(m -> assertThat(m).contains("answered"))
                    .anySatisfy(m -> assertThat(m).contains("abandoned"))
                    .anySatisfy(m -> assertThat(m).contains("JSON"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committed(servers, cfg)).isEqualTo(endOffsets(servers, cfg.topic())));
        }
    }

    static ConsumerService start(TestConfig cfg, Path dir) throws Exception {
        ConfigReloader reloader = ConfigReloader.load(cfg.write(dir), new ConfigLoader(Map.of()));
        return new ConsumerService(reloader, ConsumerMode.live()).start(true);
    }

    static ClickHouseClient client(RealServers servers, TestConfig cfg, Path dir) throws Exception {
        return new ClickHouseClient(new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse());
    }

    static long count(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM " + cfg.database() + "." + cfg.table() + " FINAL").trim());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void produce(RealServers servers, String topic, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
            TestTopics.awaitLeaders(admin, topic, 3);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get(); // a record the test meant to send must really be in Kafka
            }
        }
    }

    static Map<TopicPartition, Long> endOffsets(RealServers servers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                query.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(query).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }

    static Map<TopicPartition, Long> committed(RealServers servers, TestConfig cfg) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(cfg.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, om) -> out.put(tp, om.offset()));
            return out;
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(RealServers servers, String topic, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                if (out.size() >= atLeast) {
                    // one more poll to see any surplus
                    consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
                    break;
                }
            }
        }
        return out;
    }
}
