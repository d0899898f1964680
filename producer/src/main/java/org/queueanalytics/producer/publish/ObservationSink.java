package org.queueanalytics.producer.publish;

import java.util.List;
import org.queueanalytics.common.record.QueueObservationRecord;

/** Where live queue state goes. {@link #publishAll} returns only once every record is acknowledged. */
public interface ObservationSink extends AutoCloseable {
    void publishAll(List<QueueObservationRecord> records) throws PublishException, InterruptedException;

    @Override
    void close();
}
