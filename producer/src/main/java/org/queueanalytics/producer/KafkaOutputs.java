package org.queueanalytics.producer;

import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.producer.publish.CheckpointStore;
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

    /** Creates missing topics, reads the checkpoints, creates the idempotent producer. */
    static KafkaOutputs open(KafkaSettings kafka) throws PublishException, InterruptedException {
        ProducerTopics.ensureTopics(kafka);
        CheckpointStore checkpoints = KafkaCheckpointStore.open(kafka, CLIENT_ID);
        return new KafkaOutputs(KafkaRecordPublisher.create(kafka, CLIENT_ID), checkpoints);
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
