package org.queueanalytics.consumer.ingest;

import java.util.List;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.InsertResult;

/**
 * Where validated rows go: one call writes all of them or throws. A return means the
 * server acknowledged every row (so their offsets may be committed); the result says what went
 * over the wire (for the metrics).
 *
 * @param <R> the record type of the pipeline
 */
@FunctionalInterface
public interface RowSink<R> {
    InsertResult insert(List<R> rows) throws ClickHouseException, InterruptedException;
}
