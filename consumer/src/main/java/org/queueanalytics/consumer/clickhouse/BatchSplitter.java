package org.queueanalytics.consumer.clickhouse;

import java.util.List;

/**
 * Cuts a batch into the INSERTs it is sent as, so that none touches more partitions than ClickHouse
 * takes in one ({@link PartitionKeySplitter} for the interval table; the observations split by day).
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface BatchSplitter<R> {
    /** The chunks, each non-empty, together every record of {@code batch} once; none for an empty batch. */
    List<List<R>> split(List<R> batch);
}
