package org.queueanalytics.producer.publish;

import java.util.List;
import org.queueanalytics.common.record.QueueIntervalRecord;

/** Where records go. {@link #publishAll} returns only once every record is acknowledged. */
public interface RecordSink extends AutoCloseable {
    void publishAll(List<QueueIntervalRecord> records) throws PublishException, InterruptedException;

    @Override
    void close();
}
