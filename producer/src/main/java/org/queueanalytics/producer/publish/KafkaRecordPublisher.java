package org.queueanalytics.producer.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.kafka.KafkaClients;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;

/**
 * Publishes records to {@code kafka.topic}: key = queue id (UTF-8), value = {@link RecordJson}.
 * The producer is idempotent ({@code acks=all}, {@code enable.idempotence=true}), so Kafka's own
 * retries never duplicate or reorder a queue's records. {@link #publishAll} sends every record,
 * flushes, and checks every send future: it returns only when Kafka acknowledged all of them,
 * which is what allows the caller to advance its checkpoint.
 */
public final class KafkaRecordPublisher implements RecordSink {
    /** Bound on waiting for acknowledgements after a flush (delivery.timeout.ms is shorter). */
    static final Duration ACK_TIMEOUT = Duration.ofMinutes(3);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final String topic;

    public KafkaRecordPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public static KafkaRecordPublisher create(KafkaSettings kafka, String clientId) {
        return new KafkaRecordPublisher(new KafkaProducer<>(producerConfig(kafka, clientId)), kafka.topic());
    }

    /** The producer settings of README "Delivery guarantees". */
    public static Map<String, Object> producerConfig(KafkaSettings kafka, String clientId) {
        Map<String, Object> config = KafkaClients.baseConfig(kafka); // kafka.client_properties; the settings below win
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    @Override
    public void publishAll(List<QueueIntervalRecord> records) throws PublishException, InterruptedException {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(records.size());
        for (QueueIntervalRecord record : records) {
            out.add(new ProducerRecord<>(topic, record.key(), RecordJson.toBytes(record)));
        }
        sendAll(producer, topic, out);
    }

    /**
     * Sends {@code records}, flushes, and returns only when Kafka acknowledged every one of them
     * (bounded by {@link #ACK_TIMEOUT}). Shared by every publisher of the producer.
     */
    static void sendAll(Producer<String, byte[]> producer, String topic, List<ProducerRecord<String, byte[]>> records)
            throws PublishException, InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
        } catch (KafkaException e) {
            throw new PublishException("Kafka producer could not send to topic " + topic + " (" + e.getMessage()
                    + "); check kafka.bootstrap_servers and that the broker is up", e);
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new PublishException("Kafka did not acknowledge a record for topic " + topic + ": "
                        + e.getCause().getMessage() + "; check kafka.bootstrap_servers and the broker's health", e.getCause());
            } catch (TimeoutException e) {
                throw new PublishException("Kafka did not acknowledge records for topic " + topic + " within "
                        + ACK_TIMEOUT.toSeconds() + " s; check the broker's health", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
