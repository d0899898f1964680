package org.queueanalytics.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;

/** Reads a topic from its beginning to the end offsets it has when the read starts (ITs against a real broker). */
final class TopicReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            Collection<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT.toSeconds());
            while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read topic " + topic + " to its end within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The data topic's values, parsed (a record that does not parse fails the test). */
    static List<QueueIntervalRecord> records(String bootstrapServers, String topic) {
        List<QueueIntervalRecord> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, topic)) {
            try {
                QueueIntervalRecord value = RecordJson.fromBytes(record.value());
                if (!value.queueId().equals(record.key())) {
                    throw new AssertionError("record keyed " + record.key() + " carries queue " + value.queueId());
                }
                values.add(value);
            } catch (InvalidRecordException e) {
                throw new AssertionError("unparseable record at " + record.topic() + "/" + record.partition() + "@"
                        + record.offset() + ": " + e.getMessage(), e);
            }
        }
        return values;
    }
}
