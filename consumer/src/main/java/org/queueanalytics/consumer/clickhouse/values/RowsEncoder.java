package org.queueanalytics.consumer.clickhouse.values;

import java.util.List;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * Renders rows as one {@code INSERT INTO table (columns) VALUES (…),(…)} statement, UTF-8:
 * {@link ValuesEncoder} for the interval records, {@link ObservationValuesEncoder} for the observations.
 * Implementations reuse their buffer: not thread-safe, and the returned sink is valid until the next call.
 *
 * @param <R> the record type
 */
public interface RowsEncoder<R> {
    /** The statement for {@code rows} (which must not be empty): {@code sink.array()[0, sink.length())}. */
    ByteSink encode(List<R> rows);
}
