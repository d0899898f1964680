package org.queueanalytics.consumer.clickhouse.values;

import java.nio.charset.StandardCharsets;

import java.util.List;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * Renders rows as one {@code INSERT INTO table (columns) VALUES (…),(…)} statement, UTF-8:
 * {@link ValuesEncoder} for the interval records, {@link ObservationValuesEncoder} for the observations.
 * This class owns the statement (prefix, separators, the reusable buffer); a subclass writes one row's
 * {@code (…)} tuple into {@link #sink}. Not thread-safe: the returned sink is valid until the next call.
 *
 * @param <R> the record type
 */
public abstract class RowsEncoder<R> {
    /** Where {@link #writeRow} writes; reset at every {@link #encode}. */
    protected final ByteSink sink;
    private final byte[] prefix;
    private final String name;

    /**
     * @param qualifiedTable {@code db.table} of the INSERT
     * @param columnList     {@code (a, b, …)}: the columns in the order {@link #writeRow} writes them
     */
    protected RowsEncoder(String qualifiedTable, String columnList, ByteSink sink) {
        this.prefix = ("INSERT INTO " + qualifiedTable + " " + columnList + " VALUES ").getBytes(StandardCharsets.UTF_8);
        this.sink = sink;
        this.name = getClass().getSimpleName();
    }

    /** The statement for {@code rows} (which must not be empty): {@code sink.array()[0, sink.length())}. */
    public final ByteSink encode(List<R> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": an INSERT needs at least one row");
        }
        sink.reset();
        sink.write(prefix, 0, prefix.length);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeRow(rows.get(i));
        }
        return sink;
    }

    /** Writes {@code (v1,v2,…)} of one row into {@link #sink}. */
    protected abstract void writeRow(R row);
}
