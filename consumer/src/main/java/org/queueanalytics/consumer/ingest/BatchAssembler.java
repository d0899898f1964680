package org.queueanalytics.consumer.ingest;

import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.queueanalytics.common.config.BatchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch being filled on the poll thread: decodes each record taken into a row or a dead
 * letter, and opens a new batch with the {@code batch.*} settings in force when its first record
 * arrives (so a reload applies to the next batch).
 *
 * @param <R> the record type the decoder makes
 */
final class BatchAssembler<R> {
    /** Logs as the ingest loop, as before the stages were split out of it (same log lines, same logger). */
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);

    private final RowDecoder<R> decoder;
    private final Supplier<BatchSettings> settings;
    private final Clock clock;
    private PendingBatch<R> pending;

    /** @param settings read at every batch start */
    BatchAssembler(RowDecoder<R> decoder, Supplier<BatchSettings> settings, Clock clock) {
        this.decoder = decoder;
        this.settings = settings;
        this.clock = clock;
        this.pending = open();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    boolean isFull() {
        return pending.isFull();
    }

    /** Full, or non-empty and older than the linger time. */
    boolean isDue() {
        return pending.isDue(clock.instant());
    }

    /** Takes one record into the batch (which must not be full). */
    void take(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
        if (pending.isEmpty()) {
            // A batch opens with its first record: linger counts from there, and batch.* settings
            // reloaded while it was empty apply to it.
            pending = open();
        }
        RowDecoder.Decoded<R> decoded = decoder.decode(record, partition);
        if (decoded.row() != null) {
            pending.addRow(decoded.row());
        } else {
            LOG.warn("record {}-{}@{} goes to the DLQ: {}", record.topic(), record.partition(), record.offset(),
                    decoded.deadLetter().message());
            pending.addDeadLetter(decoded.deadLetter());
        }
    }

    /** The filled batch, for the writer; filling starts over with an empty one. */
    PendingBatch<R> handOver() {
        PendingBatch<R> batch = pending;
        pending = open();
        return batch;
    }

    /** Forgets what was taken from {@code partitions} (their new owner re-reads it from the committed offset). */
    void drop(Collection<TopicPartition> partitions) {
        pending.dropPartitions(partitions);
    }

    private PendingBatch<R> open() {
        return new PendingBatch<>(settings.get(), clock.instant());
    }
}
