package org.queueanalytics.producer.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueObservationRecord;

/**
 * Publishes live queue state to {@code observations.topic}: key = queue id (UTF-8), value =
 * {@link ObservationJson}, through its own idempotent producer ({@code acks=all}, the settings of
 * {@link KafkaRecordPublisher#producerConfig}) — kept apart from the interval records' producer, so
 * the observation poller's thread never shares a client with the poll loop and either can fail alone.
 *
 * <p>Opened on the first {@link #publishAll}: ensures the topic ({@link ProducerTopics#ensureObservationTopic})
 * and creates the producer. A broker that is down is a {@link PublishException} and the next
 * snapshot opens again; a client that cannot be created from {@code kafka.*} is a
 * {@link KafkaClientException}. Used by one thread at a time (the poller's); {@link #close()} from any thread.
 */
public final class KafkaObservationPublisher implements ObservationSink {
    static final String CLIENT_ID = "queue-analytics-producer-observations";

    private final KafkaSettings kafka;
    private final ObservationSettings observations;
    private Producer<String, byte[]> producer;
    private boolean closed;

    public KafkaObservationPublisher(KafkaSettings kafka, ObservationSettings observations) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    /** Over an existing producer (tests: a {@code MockProducer}); the topic is not ensured. */
    KafkaObservationPublisher(Producer<String, byte[]> producer, KafkaSettings kafka, ObservationSettings observations) {
        this(kafka, observations);
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    @Override
    public void publishAll(List<QueueObservationRecord> records) throws PublishException, InterruptedException {
        Producer<String, byte[]> out = open();
        List<ProducerRecord<String, byte[]>> sends = new ArrayList<>(records.size());
        for (QueueObservationRecord record : records) {
            sends.add(new ProducerRecord<>(observations.topic(), record.queueId(), ObservationJson.toBytes(record)));
        }
        KafkaRecordPublisher.sendAll(out, observations.topic(), sends);
    }

    private synchronized Producer<String, byte[]> open() throws PublishException, InterruptedException {
        if (closed) {
            throw new PublishException("the observation publisher is closed", null);
        }
        if (producer == null) {
            try {
                ProducerTopics.ensureObservationTopic(kafka, observations);
                producer = new KafkaProducer<>(KafkaRecordPublisher.producerConfig(kafka, CLIENT_ID));
            } catch (RetriableException e) {
                throw new PublishException("Kafka unavailable while opening the observation publisher: " + e.getMessage(), e);
            } catch (KafkaException e) { // a client's constructor: an unresolvable address, a rejected property
                throw KafkaClientException.creating(kafka, e);
            }
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(KafkaRecordPublisher.CLOSE_TIMEOUT);
        }
    }
}
