package org.queueanalytics.producer.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints in a compacted Kafka topic ({@code <topic>.checkpoints}): key = checkpoint id,
 * value = JSON {@code {"id","polled_until","last_deep_poll","updated_at"}}. On open the whole topic
 * is read (it is compacted, so small) into memory; each producer instance writes only the ids of
 * the shards it owns, so the in-memory copy stays authoritative until a rebalance moves a shard —
 * then {@link #reload()} reads the topic again (the previous owner's checkpoints were acknowledged
 * before it gave the shard up). {@link #save} waits for Kafka's acknowledgement (idempotent
 * producer, {@code acks=all}).
 */
public final class KafkaCheckpointStore implements CheckpointStore {
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SAVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<String, byte[]> producer;
    private final KafkaSettings kafka;
    private final String clientId;
    private final String topic;
    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    private KafkaCheckpointStore(Producer<String, byte[]> producer, KafkaSettings kafka, String clientId, String topic,
                                 Map<String, Checkpoint> loaded) {
        this.producer = producer;
        this.kafka = kafka;
        this.clientId = clientId;
        this.topic = topic;
        this.checkpoints.putAll(loaded);
    }

    /** Reads every checkpoint of {@code <kafka.topic>.checkpoints} (the topic must exist). */
    public static KafkaCheckpointStore open(KafkaSettings kafka, String clientId) throws PublishException {
        String topic = ProducerTopics.checkpointTopic(kafka);
        Map<String, Checkpoint> loaded = load(kafka, topic, clientId);
        LOG.info("Read {} checkpoint(s) from Kafka topic {}", loaded.size(), topic);
        Map<String, Object> config = KafkaRecordPublisher.producerConfig(kafka, clientId + "-checkpoints");
        return new KafkaCheckpointStore(new KafkaProducer<>(config), kafka, clientId, topic, loaded);
    }

    /** Reads the whole topic again; its newest values replace the ones in memory. */
    @Override
    public void reload() throws PublishException {
        Map<String, Checkpoint> loaded = load(kafka, topic, clientId);
        checkpoints.putAll(loaded);
        LOG.info("Read {} checkpoint(s) again from Kafka topic {} after a shard rebalance", loaded.size(), topic);
    }

    @Override
    public Optional<Checkpoint> get(String id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    @Override
    public Map<String, Checkpoint> all() {
        return Map.copyOf(checkpoints);
    }

    @Override
    public void save(Checkpoint checkpoint) throws PublishException, InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, checkpoint.id(), toJson(checkpoint)))
                    .get(SAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException("Kafka did not store checkpoint " + checkpoint.id() + " in topic " + topic + ": "
                    + cause.getMessage() + "; check kafka.bootstrap_servers and the broker's health", cause);
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge checkpoint " + checkpoint.id() + " within "
                    + SAVE_TIMEOUT.toSeconds() + " s; check the broker's health", e);
        }
        checkpoints.put(checkpoint.id(), checkpoint);
    }

    @Override
    public void close() {
        producer.close(KafkaRecordPublisher.CLOSE_TIMEOUT);
    }

    static byte[] toJson(Checkpoint c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", c.id());
        node.put("polled_until", c.polledUntil().toString());
        if (c.lastDeepPoll() == null) {
            node.putNull("last_deep_poll");
        } else {
            node.put("last_deep_poll", c.lastDeepPoll().toString());
        }
        node.put("updated_at", c.updatedAt().toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Optional<Checkpoint> fromJson(String key, byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            String deep = node.path("last_deep_poll").isTextual() ? node.get("last_deep_poll").asText() : null;
            return Optional.of(new Checkpoint(key, Instant.parse(node.path("polled_until").asText()),
                    deep == null ? null : Instant.parse(deep), Instant.parse(node.path("updated_at").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable checkpoint {} ({})", key, e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, Checkpoint> load(KafkaSettings kafka, String topic, String clientId) throws PublishException {
        Map<String, Object> config = KafkaClients.baseConfig(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-checkpoint-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) LOAD_TIMEOUT.toMillis());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Checkpoint> result = new HashMap<>();
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, LOAD_TIMEOUT);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOAD_TIMEOUT);
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new PublishException("could not read checkpoint topic " + topic + " to its end within "
                            + LOAD_TIMEOUT.toSeconds() + " s; check the broker's health", null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        result.remove(record.key());
                    } else {
                        fromJson(record.key(), record.value()).ifPresent(c -> result.put(c.id(), c));
                    }
                }
            }
        } catch (KafkaException e) {
            throw new PublishException("cannot read checkpoint topic " + topic + ": " + e.getMessage()
                    + "; check kafka.bootstrap_servers and that the broker is up", e);
        }
        return result;
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
