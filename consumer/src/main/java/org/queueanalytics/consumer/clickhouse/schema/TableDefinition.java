package org.queueanalytics.consumer.clickhouse.schema;

import java.util.List;
import org.queueanalytics.common.config.ClickHouseSettings;

/**
 * What {@link SchemaManager} and {@link SchemaCheck} need to know of one table the consumer writes:
 * its columns, its DDL, and what an existing table must have for {@code FINAL} to keep exactly one
 * row per key. Two tables: {@link QueueAnalyticsTable#DEFINITION} (the interval records) and
 * {@link QueueObservationsTable#DEFINITION} (the live-state observations). Creating the database,
 * {@code ON CLUSTER}, the replicated engine's path and the {@code Distributed} table are the same
 * for both, driven by the {@link ClickHouseSettings} the manager is given.
 */
public interface TableDefinition {
    /** The columns the consumer writes, in the order of its INSERTs and of the DDL; an existing table must hold them. */
    List<Column> columns();

    /** Columns a table of an earlier release lacks, added in place ({@code ADD COLUMN … AFTER}); none by default. */
    default List<Column> addedLater() {
        return List.of();
    }

    /**
     * Whether a column of type {@code T} where {@code Nullable(T)} is expected is an earlier release's
     * shape, made {@code Nullable} in place ({@code MODIFY COLUMN}); else it is a mismatch. False by default.
     */
    default boolean nullableSince() {
        return false;
    }

    /** The version column of the {@code ReplacingMergeTree}, or null when the engine has none. */
    String versionColumn();

    /** The columns the sorting key must contain: {@code FINAL} keeps one row per value of them. */
    List<String> keyColumns();

    /** What one key identifies, for the messages of a mismatch ("interval", "snapshot"). */
    String rowKind();

    /** The configuration key naming the table, for the messages of a mismatch. */
    String tableKey();

    /** {@code CREATE TABLE IF NOT EXISTS} of {@code settings.qualifiedTable()}, {@code ON CLUSTER} and replicated in cluster mode. */
    String createTableSql(ClickHouseSettings settings);
}
