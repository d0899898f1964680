package org.queueanalytics.consumer.ingest;

import java.util.List;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;

/**
 * Where validated rows go: one call writes all of them or throws. A return means the
 * server acknowledged every row (so their offsets may be committed).
 */
@FunctionalInterface
public interface RowSink {
    void insert(List<QueueIntervalRecord> rows) throws ClickHouseException, InterruptedException;
}
