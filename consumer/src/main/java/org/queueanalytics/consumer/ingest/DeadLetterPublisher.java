package org.queueanalytics.consumer.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends dead letters to the DLQ topic: the original key and value unchanged, and headers saying
 * why ({@code dlq.reason}, {@code dlq.error.code}, {@code dlq.error.message}) and where from
 * ({@code dlq.original.topic}, {@code .partition}, {@code .offset}, {@code .timestamp}).
 * {@link #publish} returns only once Kafka acknowledged every letter, so the caller may then
 * commit the offsets they came from; every wait is bounded (the producer's {@code max.block.ms}
 * per send, then {@code ackTimeout} for all acknowledgements).
 */
public final class DeadLetterPublisher {
    public static final String REASON = "dlq.reason";
    public static final String ERROR_CODE = "dlq.error.code";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String ORIGINAL_TIMESTAMP = "dlq.original.timestamp";
    private static final int MAX_MESSAGE_CHARS = 2000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic, Duration ackTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
    }

    public void publish(List<DeadLetter> letters) throws DeadLetterException, InterruptedException {
        if (letters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(letters.size());
        try {
            for (DeadLetter letter : letters) {
                acks.add(producer.send(toProducerRecord(letter))); // blocks at most the producer's max.block.ms
            }
        } catch (KafkaException e) {
            throw new DeadLetterException("the DLQ topic " + topic + " cannot take a record: " + e.getMessage()
                    + "; check that kafka.dlq_topic exists and accepts records of this size", e);
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new DeadLetterException("the DLQ topic " + topic + " refused a record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new DeadLetterException("the DLQ topic " + topic + " did not acknowledge within " + ackTimeout, e);
            }
        }
    }

    private ProducerRecord<byte[], byte[]> toProducerRecord(DeadLetter letter) {
        var source = letter.source();
        RecordHeaders headers = new RecordHeaders(source.headers().toArray());
        String message = letter.message() == null ? "" : letter.message();
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
        }
        headers.add(REASON, utf8(letter.reason()));
        headers.add(ERROR_CODE, utf8(Integer.toString(letter.code())));
        headers.add(ERROR_MESSAGE, utf8(message));
        headers.add(ORIGINAL_TOPIC, utf8(source.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(source.offset())));
        headers.add(ORIGINAL_TIMESTAMP, utf8(Long.toString(source.timestamp())));
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The DLQ did not take a letter; the batch it belongs to must not be committed. */
    public static final class DeadLetterException extends Exception {
        public DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
