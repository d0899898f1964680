package org.queueanalytics.producer;

import java.util.ArrayList;
import java.util.List;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.publish.RecordSink;

/** Keeps what it is given; can be told to refuse (as Kafka down would); counts what arrives after close. */
final class RecordingSink implements RecordSink {
    final List<QueueIntervalRecord> published = new ArrayList<>();
    boolean failing;
    volatile boolean closed;
    int publishedAfterClose;

    @Override
    public synchronized void publishAll(List<QueueIntervalRecord> records) throws PublishException {
        if (closed) {
            publishedAfterClose += records.size(); // a real KafkaProducer would throw IllegalStateException
        }
        if (failing) {
            throw new PublishException("Kafka is down (test)", null);
        }
        published.addAll(records);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
