package org.queueanalytics.consumer.clickhouse.schema;

import java.util.List;
import java.util.stream.Collectors;
import org.queueanalytics.common.config.ClickHouseSettings;

/**
 * The ClickHouse table of the README ("The ClickHouse table"): its columns in insert order,
 * and its DDL. Portable to ClickHouse 18.16 and current releases (no CODEC, TTL,
 * LowCardinality or DateTime64).
 *
 * <p>The column order here is the order {@code ValuesEncoder} writes values in; the two
 * change together.
 */
public final class QueueAnalyticsTable {
    /** Service-level ratios: NULL when Genesys sent none for the interval (never a false 0 %). */
    static final String NULLABLE_FLOAT64 = "Nullable(Float64)";
    public static final List<Column> COLUMNS = List.of(
            new Column("event_time", "DateTime"),
            new Column("queue_id", "String"),
            new Column("queue_name", "String"),
            new Column("media_type", "String"),
            new Column("interval_start", "DateTime"),
            new Column("interval_end", "DateTime"),
            new Column("granularity", "String"),
            new Column("offered", "Int32"),
            new Column("answered", "Int32"),
            new Column("abandoned", "Int32"),
            new Column("service_level_pct", NULLABLE_FLOAT64),
            new Column("short_abandoned", "Int32"),
            new Column("flow_outs", "Int32"),
            new Column("over_sla", "Int32"),
            new Column("sl_numerator", "Int32"),
            new Column("sl_denominator", "Int32"),
            new Column("sl_target", NULLABLE_FLOAT64),
            new Column("answer_time_ms", "UInt64"),
            new Column("wait_time_ms", "UInt64"),
            new Column("talk_time_ms", "UInt64"),
            new Column("hold_time_ms", "UInt64"),
            new Column("acw_time_ms", "UInt64"),
            new Column("handle_time_ms", "UInt64"),
            new Column("handle_count", "Int32"),
            new Column("transferred", "Int32"),
            // added later (the schema check adds them to an older table): see ADDED_LATER
            new Column("abandon_time_ms", "UInt64"),
            new Column("max_wait_time_ms", "UInt64"),
            new Column("talk_count", "Int32"),
            new Column("hold_count", "Int32"),
            new Column("acw_count", "Int32"),
            new Column("alert_time_ms", "UInt64"),
            new Column("alert_count", "Int32"),
            new Column("not_responding_time_ms", "UInt64"),
            new Column("not_responding_count", "Int32"),
            new Column("connected", "Int32"),
            new Column("acd_time_ms", "UInt64"),
            new Column("acd_count", "Int32"),
            new Column("consults", "Int32"),
            new Column("consult_transferred", "Int32"),
            new Column("blind_transferred", "Int32"),
            new Column("outbound", "Int32"),
            new Column("errors", "Int32"),
            new Column("voicemail_time_ms", "UInt64"),
            new Column("voicemail_count", "Int32"),
            new Column("service_target", NULLABLE_FLOAT64),
            new Column("fetched_at", "UInt64"));

    /**
     * The columns a table created by an earlier release lacks; the consumer adds them in place
     * (rows written before read 0, or NULL for {@code service_target}, until re-polled).
     */
    public static final List<Column> ADDED_LATER = COLUMNS.subList(
            indexOf("abandon_time_ms"), indexOf("service_target") + 1);

    /** The version column of ReplacingMergeTree: the newest fetch wins. */
    public static final String VERSION_COLUMN = "fetched_at";
    /** One row per (event_time, queue_id, media_type, interval_start) after merges / FINAL. */
    public static final String ORDER_BY = "(event_time, queue_id, media_type, interval_start)";

    /** This table for {@link SchemaManager} and {@link SchemaCheck}. */
    public static final TableDefinition DEFINITION = new TableDefinition() {
        @Override
        public List<Column> columns() {
            return COLUMNS;
        }

        @Override
        public List<Column> addedLater() {
            return ADDED_LATER;
        }

        @Override
        public boolean nullableSince() {
            return true; // the service-level columns were Float64 in the first release
        }

        @Override
        public String versionColumn() {
            return VERSION_COLUMN;
        }

        @Override
        public List<String> keyColumns() {
            return List.of("event_time", "queue_id", "media_type", "interval_start");
        }

        @Override
        public String rowKind() {
            return "interval";
        }

        @Override
        public String tableKey() {
            return "clickhouse.table_name";
        }

        @Override
        public String createTableSql(ClickHouseSettings settings) {
            return QueueAnalyticsTable.createTableSql(settings);
        }
    };

    private QueueAnalyticsTable() {
    }

    private static int indexOf(String column) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (COLUMNS.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    /** {@code (event_time, queue_id, …, fetched_at)}: the column list of an INSERT. */
    public static String columnList() {
        return COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ", "(", ")"));
    }

    public static String createDatabaseSql(ClickHouseSettings settings) {
        return "CREATE DATABASE IF NOT EXISTS " + settings.database() + settings.onCluster();
    }

    /**
     * The DDL; {@code partition_by} is spliced in as configured (it is an expression, written by
     * the operator). In cluster mode: {@code ON CLUSTER}, and the replicated engine whose
     * ZooKeeper path holds the {@code {shard}} macro (one path per shard, shared by its replicas)
     * and whose replica name is the {@code {replica}} macro.
     */
    public static String createTableSql(ClickHouseSettings settings) {
        String columns = COLUMNS.stream()
                .map(c -> "    " + c.name() + " " + c.type())
                .collect(Collectors.joining(",\n"));
        return "CREATE TABLE IF NOT EXISTS " + settings.qualifiedTable() + settings.onCluster() + "\n(\n" + columns + "\n)\n"
                + "ENGINE = " + engine(settings) + "\n"
                + "PARTITION BY " + settings.partitionBy() + "\n"
                + "ORDER BY " + ORDER_BY;
    }

    static String engine(ClickHouseSettings settings) {
        if (!settings.clustered()) {
            return "ReplacingMergeTree(" + VERSION_COLUMN + ")";
        }
        return "ReplicatedReplacingMergeTree('" + zooKeeperPath(settings) + "', '{replica}', " + VERSION_COLUMN + ")";
    }

    /** {@code /clickhouse/tables/{shard}/<database>/<table>} (both validated identifiers). */
    public static String zooKeeperPath(ClickHouseSettings settings) {
        return "/clickhouse/tables/{shard}/" + settings.database() + "/" + settings.tableName();
    }

    /**
     * The {@code Distributed} table over the replicated one, on every server of the cluster:
     * rows are sharded by {@code cityHash64(queue_id)}, so every row of a key lands on one shard
     * and {@code FINAL} stays exact. Null without {@code clickhouse.distributed_table}. Any table
     * keyed by queue first can use it: {@link SchemaManager} creates the observations' the same way.
     */
    public static String createDistributedTableSql(ClickHouseSettings settings) {
        if (settings.distributedTable() == null) {
            return null;
        }
        return "CREATE TABLE IF NOT EXISTS " + settings.qualifiedDistributedTable() + settings.onCluster()
                + " AS " + settings.qualifiedTable()
                + " ENGINE = Distributed(" + settings.cluster() + ", " + settings.database() + ", " + settings.tableName()
                + ", " + SHARDING_KEY + ")";
    }

    /** Every row of a (queue, media type, interval) on one shard. */
    public static final String SHARDING_KEY = "cityHash64(queue_id)";

    /**
     * Drops the Distributed table on every server (it holds no rows: INSERTs are synchronous),
     * so that {@link #createDistributedTableSql} recreates it with the replicated table's columns
     * after a migration. ClickHouse 18.16 refuses {@code ALTER … ON CLUSTER} on a Distributed
     * table over replicated shards (code 371).
     */
    public static String dropDistributedTableSql(ClickHouseSettings settings) {
        return "DROP TABLE IF EXISTS " + settings.qualifiedDistributedTable() + settings.onCluster();
    }
}
