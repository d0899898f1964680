package org.queueanalytics.consumer.clickhouse;

/** What one {@link Inserter#insert} call wrote: rows, INSERT statements, SQL bytes and bytes on the wire. */
public record InsertResult(int rows, int statements, long sqlBytes, long wireBytes) {
    public static final InsertResult EMPTY = new InsertResult(0, 0, 0, 0);
}
