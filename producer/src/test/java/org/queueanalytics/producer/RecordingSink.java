package org.queueanalytics.producer;

import java.util.ArrayList;
import java.util.List;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.publish.RecordSink;

/** Keeps what it is given; can be told to refuse (as Kafka down would). */
final class RecordingSink implements RecordSink {
    final List<QueueIntervalRecord> published = new ArrayList<>();
    boolean failing;
    boolean closed;

    @Override
    public synchronized void publishAll(List<QueueIntervalRecord> records) throws PublishException {
        if (failing) {
            throw new PublishException("Kafka is down (test)", null);
        }
        published.addAll(records);
    }

    @Override
    public void close() {
        closed = true;
    }
}
