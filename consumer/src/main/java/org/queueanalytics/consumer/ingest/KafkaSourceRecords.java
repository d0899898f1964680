package org.queueanalytics.consumer.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * {@link SourceRecords} over a group-less Kafka consumer ({@code assign} + {@code seek}), created on
 * first use — most runs never need it — and configured with {@code auto.offset.reset=none}, so a
 * record that retention removed is reported as gone rather than replaced by another.
 */
public final class KafkaSourceRecords implements SourceRecords {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<byte[], byte[]>> factory;
    private final Duration timeout;
    private Consumer<byte[], byte[]> consumer;

    /** {@code factory} makes a consumer without a group id and with {@code auto.offset.reset=none}. */
    public KafkaSourceRecords(Supplier<Consumer<byte[], byte[]>> factory, Duration timeout) {
        this.factory = factory;
        this.timeout = timeout;
    }

    @Override
    public synchronized Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) throws InterruptedException {
        if (consumer == null) {
            consumer = factory.get();
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while reading " + partition + "@" + offset + " back from Kafka");
            }
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(partition)) {
                    if (r.offset() >= offset) {
                        return r.offset() == offset ? Optional.of(r) : Optional.empty();
                    }
                }
                if (consumer.position(partition) > offset) {
                    return Optional.empty(); // skipped: not a data record (aborted transaction)
                }
            } catch (OffsetOutOfRangeException e) {
                return Optional.empty();
            }
        }
        throw new TimeoutException("reading " + partition + "@" + offset + " back from Kafka took longer than " + timeout);
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            consumer = null;
        }
    }
}
