package org.queueanalytics.consumer.ingest;

import java.nio.charset.StandardCharsets;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.common.record.RecordJson;

/**
 * A decoded row written back in the form the producer writes (key = queue id): the value of the
 * dead letter of a row ClickHouse rejected when Kafka no longer has its original ({@link BatchWriter}).
 *
 * @param <R> the record type of the pipeline
 */
public interface RowEncoder<R> {
    byte[] key(R row);

    byte[] value(R row);

    /** The interval records: {@link RecordJson}. */
    static RowEncoder<QueueIntervalRecord> intervals() {
        return new RowEncoder<>() {
            @Override
            public byte[] key(QueueIntervalRecord row) {
                return row.queueId().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] value(QueueIntervalRecord row) {
                return RecordJson.toBytes(row);
            }
        };
    }

    /** The live-state observations: {@link ObservationJson}. */
    static RowEncoder<QueueObservationRecord> observations() {
        return new RowEncoder<>() {
            @Override
            public byte[] key(QueueObservationRecord row) {
                return row.queueId().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] value(QueueObservationRecord row) {
                return ObservationJson.toBytes(row);
            }
        };
    }
}
