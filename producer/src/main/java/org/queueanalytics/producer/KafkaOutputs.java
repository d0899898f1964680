package org.queueanalytics.producer;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.producer.publish.CheckpointStore;
import org.queueanalytics.producer.publish.KafkaClientException;
import org.queueanalytics.producer.publish.KafkaCheckpointStore;
import org.queueanalytics.producer.publish.KafkaRecordPublisher;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.publish.RecordSink;
import org.queueanalytics.producer.publish.ProducerTopics;

/** The producer's Kafka side: where records go and where checkpoints live. Opened lazily, closed once. */
record KafkaOutputs(RecordSink sink, CheckpointStore checkpoints) implements AutoCloseable {
    static final String CLIENT_ID = "queue-analytics-producer";

    /** Opens the outputs; may fail (broker down) and be tried again later. */
    @FunctionalInterface
    interface Opener {
        KafkaOutputs open() throws PublishException, InterruptedException;
    }

    /**
     * Creates missing topics, reads the checkpoints, creates the idempotent producer.
     *
     * @throws PublishException     Kafka did not answer or refused (retried by the next cycle)
     * @throws KafkaClientException a client cannot be created from {@code kafka.*} (the producer stops)
     */
    static KafkaOutputs open(KafkaSettings kafka) throws PublishException, InterruptedException {
        try {
            ProducerTopics.ensureTopics(kafka);
            CheckpointStore checkpoints = KafkaCheckpointStore.open(kafka, CLIENT_ID);
            try {
                return new KafkaOutputs(KafkaRecordPublisher.create(kafka, CLIENT_ID), checkpoints);
            } catch (RuntimeException e) {
                checkpoints.close();
                throw e;
            }
        } catch (RetriableException e) {
            throw e; // Kafka unavailable: the service's failure policy retries it
        } catch (KafkaException e) { // thrown by a client's constructor: an unresolvable address, a rejected property
            throw KafkaClientException.creating(kafka, e);
        }
    }

    @Override
    public void close() {
        try {
            sink.close();
        } finally {
            checkpoints.close();
        }
    }
}
