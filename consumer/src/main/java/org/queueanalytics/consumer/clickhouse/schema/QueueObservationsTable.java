package org.queueanalytics.consumer.clickhouse.schema;

import java.util.List;
import java.util.stream.Collectors;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.ObservationSettings;

/**
 * The live-state table ({@code observations.table_name}, README "Live queue state"): one row per
 * (queue, metric, media type, qualifier) of one observation snapshot. Portable to ClickHouse 18.16
 * and current releases: no TTL (retention is {@code ALTER TABLE … DROP PARTITION <yyyymmdd>}, one
 * partition per UTC day), no DateTime64 ({@code observed_at} is the second, {@code observed_at_ms}
 * the exact instant).
 *
 * <p>{@code ReplacingMergeTree} without a version: a replay of the topic re-inserts a snapshot with
 * the same key and identical values, so which copy survives does not matter. (A table created with
 * a version column is accepted: it deduplicates the same keys.) The sorting key puts {@code queue_id}
 * and {@code metric} first, so "the latest value per queue" reads one range per queue.
 *
 * <p>The column order here is the order {@code ObservationValuesEncoder} writes values in; the two
 * change together. {@code inserted_at} is filled by the server ({@code DEFAULT now()}), not written.
 */
public final class QueueObservationsTable {
    public static final List<Column> COLUMNS = List.of(
            new Column("observed_at", "DateTime"),
            new Column("observed_at_ms", "UInt64"),
            new Column("queue_id", "String"),
            new Column("queue_name", "String"),
            new Column("media_type", "String"),
            new Column("metric", "String"),
            new Column("qualifier", "String"),
            new Column("count", "Int64"),
            new Column("calculated_value", "Nullable(Int64)"));
    /** When the row was inserted (server clock): not written by the consumer, so not required by the check. */
    public static final String INSERTED_AT = "inserted_at DateTime DEFAULT now()";
    public static final String PARTITION_BY = "toYYYYMMDD(observed_at)";
    public static final String ORDER_BY = "(queue_id, metric, media_type, qualifier, observed_at_ms)";
    /** {@code <observations.table_name>_distributed}: the Distributed table in cluster mode with {@code clickhouse.distributed_table}. */
    public static final String DISTRIBUTED_SUFFIX = "_distributed";

    /** This table for {@link SchemaManager} and {@link SchemaCheck}. */
    public static final TableDefinition DEFINITION = new TableDefinition() {
        @Override
        public List<Column> columns() {
            return COLUMNS;
        }

        @Override
        public String versionColumn() {
            return null;
        }

        @Override
        public List<String> keyColumns() {
            return List.of("queue_id", "metric", "media_type", "qualifier", "observed_at_ms");
        }

        @Override
        public String rowKind() {
            return "snapshot";
        }

        @Override
        public String tableKey() {
            return "observations.table_name";
        }

        @Override
        public String createTableSql(ClickHouseSettings settings) {
            return QueueObservationsTable.createTableSql(settings);
        }
    };

    private QueueObservationsTable() {
    }

    /**
     * The ClickHouse settings of this table: the server, credentials, compression, error policy and
     * cluster of {@code clickhouse.*}, with {@code observations.table_name} as the table (in
     * {@code clickhouse.database}) and, when {@code clickhouse.distributed_table} is set,
     * {@code <observations.table_name>_distributed} as its Distributed table. Everything that works on
     * {@link ClickHouseSettings} — {@link SchemaManager}, the inserter, {@code ON CLUSTER}, the
     * replicated engine's path — then works for this table unchanged.
     */
    public static ClickHouseSettings settings(ClickHouseSettings clickhouse, ObservationSettings observations) {
        String distributed = clickhouse.distributedTable() == null ? null : observations.tableName() + DISTRIBUTED_SUFFIX;
        return new ClickHouseSettings(clickhouse.urls(), clickhouse.username(), clickhouse.password(), clickhouse.database(),
                observations.tableName(), clickhouse.compression(), PARTITION_BY, clickhouse.errorPolicy(), clickhouse.cluster(),
                distributed);
    }

    /** {@code (observed_at, observed_at_ms, …, calculated_value)}: the column list of an INSERT. */
    public static String columnList() {
        return COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The DDL of {@code settings.qualifiedTable()} (settings from {@link #settings}); in cluster mode
     * {@code ON CLUSTER} with the replicated engine, whose ZooKeeper path holds the {@code {shard}} macro
     * and whose replica name is the {@code {replica}} macro, as the interval table's.
     */
    public static String createTableSql(ClickHouseSettings settings) {
        String columns = COLUMNS.stream()
                .map(c -> "    " + c.name() + " " + c.type())
                .collect(Collectors.joining(",\n"));
        return "CREATE TABLE IF NOT EXISTS " + settings.qualifiedTable() + settings.onCluster() + "\n(\n" + columns + ",\n    "
                + INSERTED_AT + "\n)\n"
                + "ENGINE = " + engine(settings) + "\n"
                + "PARTITION BY " + PARTITION_BY + "\n"
                + "ORDER BY " + ORDER_BY;
    }

    static String engine(ClickHouseSettings settings) {
        if (!settings.clustered()) {
            return "ReplacingMergeTree";
        }
        return "ReplicatedReplacingMergeTree('" + QueueAnalyticsTable.zooKeeperPath(settings) + "', '{replica}')";
    }
}
