package org.queueanalytics.consumer.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.Secret;

/** The live-state table: its DDL (single server and cluster), the settings it derives, and its schema check. */
class QueueObservationsTableTest {
    private static final ClickHouseSettings CLICKHOUSE = new ClickHouseSettings(List.of(URI.create("http://localhost:8123")),
            "default", Secret.empty(), "analytics", "queue_analytics", Compression.LZ4, ClickHouseSettings.DEFAULT_PARTITION_BY);
    private static final ClickHouseSettings SETTINGS = QueueObservationsTable.settings(CLICKHOUSE, ObservationSettings.disabled());
    private static final String ENGINE = "ReplacingMergeTree PARTITION BY toYYYYMMDD(observed_at) "
            + "ORDER BY (queue_id, metric, media_type, qualifier, observed_at_ms) SETTINGS index_granularity = 8192";
    private static final String KEY = "queue_id, metric, media_type, qualifier, observed_at_ms";

    @Test
    void createsTheTableOfTheContractWithoutTtlOrDateTime64() {
        assertThat(QueueObservationsTable.createTableSql(SETTINGS)).isEqualTo("""
                CREATE TABLE IF NOT EXISTS analytics.queue_observations
                (
                    observed_at DateTime,
                    observed_at_ms UInt64,
                    queue_id String,
                    queue_name String,
                    media_type String,
                    metric String,
                    qualifier String,
                    count Int64,
                    calculated_value Nullable(Int64),
                    inserted_at DateTime DEFAULT now()
                )
                ENGINE = ReplacingMergeTree
                PARTITION BY toYYYYMMDD(observed_at)
                ORDER BY (queue_id, metric, media_type, qualifier, observed_at_ms)""");
        assertThat(QueueObservationsTable.createTableSql(SETTINGS)).doesNotContain("TTL", "DateTime64", "LowCardinality", "CODEC");
    }

    @Test
    void takesServerCredentialsAndClusterFromClickHouseAndItsNameFromObservations() {
        ObservationSettings custom = new ObservationSettings(true, ObservationSettings.DEFAULT_INTERVAL, ObservationSettings.DEFAULT_METRICS,
                60, "live", "wallboard");
        ClickHouseSettings derived = QueueObservationsTable.settings(CLICKHOUSE.withCluster("c", "queue_analytics_all"), custom);

        assertThat(derived.qualifiedTable()).isEqualTo("analytics.wallboard");
        assertThat(derived.qualifiedDistributedTable()).isEqualTo("analytics.wallboard_distributed");
        assertThat(derived.writeTable()).isEqualTo("analytics.wallboard_distributed");
        assertThat(derived.urls()).isEqualTo(CLICKHOUSE.urls());
        assertThat(derived.compression()).isEqualTo(Compression.LZ4);
        assertThat(derived.cluster()).isEqualTo("c");
        assertThat(QueueObservationsTable.settings(CLICKHOUSE.withCluster("c", null), custom).distributedTable()).isNull();
    }

    @Test
    void inClusterModeRunsOnTheClusterWithTheReplicatedEngineItsMacrosAndADistributedTableByQueue() {
        ClickHouseSettings clustered = QueueObservationsTable.settings(CLICKHOUSE.withCluster("analytics_cluster", "queue_analytics_all"),
                ObservationSettings.disabled());

        assertThat(QueueObservationsTable.createTableSql(clustered))
                .startsWith("CREATE TABLE IF NOT EXISTS analytics.queue_observations ON CLUSTER analytics_cluster\n(\n")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/analytics/queue_observations', "
                        + "'{replica}')\nPARTITION BY toYYYYMMDD(observed_at)\n");
        assertThat(QueueAnalyticsTable.createDistributedTableSql(clustered)).isEqualTo(
                "CREATE TABLE IF NOT EXISTS analytics.queue_observations_distributed ON CLUSTER analytics_cluster "
                        + "AS analytics.queue_observations "
                        + "ENGINE = Distributed(analytics_cluster, analytics, queue_observations, cityHash64(queue_id))");
    }

    @Test
    void aTableOfTheContractMatchesAlsoReplicatedOrWithoutTheServerFilledColumn() {
        assertThat(SchemaCheck.of(QueueObservationsTable.DEFINITION, shape(columns(), "ReplacingMergeTree", ENGINE, KEY), "UTC")
                .matches()).isTrue();
        Map<String, String> withoutInsertedAt = columns();
        withoutInsertedAt.remove("inserted_at");
        String replicated = "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/analytics/queue_observations', '{replica}') "
                + "PARTITION BY toYYYYMMDD(observed_at) ORDER BY (queue_id, metric, media_type, qualifier, observed_at_ms)";
        assertThat(SchemaCheck.of(QueueObservationsTable.DEFINITION,
                shape(withoutInsertedAt, "ReplicatedReplacingMergeTree", replicated, KEY), "UTC").matches()).isTrue();
    }

    @Test
    void namesEveryDifferenceAndMigratesNothingInPlace() {
        Map<String, String> columns = columns();
        columns.remove("qualifier");
        columns.put("count", "Int32");
        columns.put("calculated_value", "Int64"); // NULL would turn into 0: not an earlier shape, a mismatch
        columns.put("observed_at", "DateTime('Europe/Paris')");

        SchemaCheck check = SchemaCheck.of(QueueObservationsTable.DEFINITION,
                shape(columns, "MergeTree", "MergeTree PARTITION BY toYYYYMMDD(observed_at) ORDER BY (queue_id, observed_at_ms)",
                        "queue_id, observed_at_ms"), "UTC");

        assertThat(check.alterations()).isEmpty();
        assertThat(check.missing()).containsExactly("qualifier");
        assertThat(check.incompatible()).containsExactly(
                "observed_at: DateTime('Europe/Paris') reads times in Europe/Paris, not UTC (run the server with "
                        + "<timezone>UTC</timezone> or declare the column DateTime('UTC'))",
                "count: expected Int64, found Int32",
                "calculated_value: expected Nullable(Int64), found Int64",
                "engine: expected ReplacingMergeTree (or its Replicated form), found MergeTree — rows of the same snapshot "
                        + "would never be deduplicated",
                "sorting key: expected it to contain queue_id, metric, media_type, qualifier, observed_at_ms, found "
                        + "(queue_id, observed_at_ms) — FINAL would merge different snapshots");
        assertThat(new SchemaMismatchException("analytics.queue_observations", check.missing(), check.incompatible(),
                QueueObservationsTable.DEFINITION.tableKey()).getMessage())
                .startsWith("ClickHouse table analytics.queue_observations does not match the consumer's schema: missing columns qualifier;")
                .endsWith("or set observations.table_name");
    }

    @Test
    void aVersionColumnIsAcceptedAndTheIntervalTablesChecksAreUnchanged() {
        String versioned = "ReplacingMergeTree(inserted_at) PARTITION BY toYYYYMMDD(observed_at) ORDER BY (" + KEY + ")";
        assertThat(SchemaCheck.of(QueueObservationsTable.DEFINITION, shape(columns(), "ReplacingMergeTree", versioned, KEY), "UTC")
                .matches()).isTrue();
        assertThat(SchemaCheck.of(shape(columns(), "ReplacingMergeTree", ENGINE, KEY), "UTC").missing())
                .as("the interval check still asks for the interval columns").contains("event_time", "fetched_at");
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        QueueObservationsTable.COLUMNS.forEach(c -> columns.put(c.name(), c.type()));
        columns.put("inserted_at", "DateTime");
        return columns;
    }

    private static TableShape shape(Map<String, String> columns, String engine, String engineFull, String key) {
        return new TableShape(columns, engine, engineFull, key);
    }
}
