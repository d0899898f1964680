package org.queueanalytics.consumer.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;

class QueueAnalyticsTableTest {
    private static final ClickHouseSettings SETTINGS = new ClickHouseSettings(List.of(URI.create("http://localhost:8123")),
            "default", Secret.empty(), "analytics", "queue_analytics", Compression.LZ4, ClickHouseSettings.DEFAULT_PARTITION_BY);

    @Test
    void createsTheTableOfTheDesign() {
        String ddl = QueueAnalyticsTable.createTableSql(SETTINGS);
        assertThat(ddl).startsWith("CREATE TABLE IF NOT EXISTS analytics.queue_analytics\n(\n    event_time DateTime,\n")
                .contains("    service_level_pct Nullable(Float64),\n", "    sl_target Nullable(Float64),\n",
                        "    answer_time_ms UInt64,\n", "    handle_count Int32,\n", "    connected Int32,\n",
                        "    voicemail_time_ms UInt64,\n", "    service_target Nullable(Float64),\n")
                .endsWith("    fetched_at UInt64\n)\n"
                        + "ENGINE = ReplacingMergeTree(fetched_at)\n"
                        + "PARTITION BY (toYYYYMMDD(event_time), queue_id)\n"
                        + "ORDER BY (event_time, queue_id, media_type, interval_start)");
        assertThat(ddl).doesNotContain("LowCardinality", "CODEC", "TTL", "DateTime64", "SETTINGS");
    }

    @Test
    void listsEveryRecordFieldOnceAndEventTimeFirst() {
        assertThat(QueueAnalyticsTable.COLUMNS).extracting(Column::name).doesNotHaveDuplicates().hasSize(46)
                .startsWith("event_time").endsWith("fetched_at");
        // every record component (except schema_version) has its column
        for (var component : org.queueanalytics.common.record.QueueIntervalRecord.class.getRecordComponents()) {
            String snake = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            if (!snake.equals("schema_version")) {
                assertThat(QueueAnalyticsTable.COLUMNS).extracting(Column::name).contains(snake);
            }
        }
    }

    @Test
    void usesTheConfiguredPartitionKey() {
        ClickHouseSettings monthly = new ClickHouseSettings(SETTINGS.urls(), "default", Secret.empty(), "a", "t",
                Compression.LZ4, "toYYYYMM(event_time)");
        assertThat(QueueAnalyticsTable.createTableSql(monthly)).contains("CREATE TABLE IF NOT EXISTS a.t\n", "PARTITION BY toYYYYMM(event_time)\n");
        assertThat(QueueAnalyticsTable.createDatabaseSql(monthly)).isEqualTo("CREATE DATABASE IF NOT EXISTS a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "String|String|true", "String|LowCardinality(String)|true", "String|Nullable(String)|true",
            "String|FixedString(36)|false", "String|Int32|false",
            "Int32|Int32|true", "Int32|UInt32|true", "Int32|Int64|true", "Int32|UInt64|true", "Int32|Nullable(Int32)|true",
            "Int32|Int16|false", "Int32|UInt16|false", "Int32|Float64|false", "Int32|String|false",
            "UInt64|UInt64|true", "UInt64|Int64|true", "UInt64|UInt32|false", "UInt64|Int32|false",
            "Float64|Float64|true", "Float64|Float32|false", "Float64|Decimal(9, 2)|false",
            "Nullable(Float64)|Nullable(Float64)|true", "Nullable(Float64)|Float64|false",
            "Nullable(Float64)|Nullable(Float32)|false",
            "DateTime|DateTime|true", "DateTime|DateTime('UTC')|true", "DateTime|DateTime64(3)|true",
            "DateTime|Date|false", "DateTime|String|false"})
    void acceptsOnlyColumnTypesTheValuesFit(String expected, String actual, boolean compatible) {
        assertThat(ColumnTypes.compatible(expected, actual)).isEqualTo(compatible);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DateTime|Etc/UTC|Etc/UTC", "DateTime('Asia/Kolkata')|UTC|Asia/Kolkata", "DateTime64(3, 'UTC')|Europe/Paris|UTC",
            "Nullable(DateTime('Europe/Paris'))|UTC|Europe/Paris", "DateTime64(3)|Europe/Paris|Europe/Paris"})
    void readsTheTimeZoneOfADateTimeColumn(String type, String serverZone, String expected) {
        assertThat(ColumnTypes.effectiveTimeZone(type, serverZone)).isEqualTo(expected);
    }

    @Test
    void knowsTheNamesOfUtc() {
        assertThat(ColumnTypes.isUtc("UTC")).isTrue();
        assertThat(ColumnTypes.isUtc("Etc/UTC")).isTrue();
        assertThat(ColumnTypes.isUtc("Europe/London")).isFalse();
    }

    @Test
    void unescapesTabSeparatedFields() {
        assertThat(SchemaManager.unescapeTsv("DateTime(\\'UTC\\')")).isEqualTo("DateTime('UTC')");
        assertThat(SchemaManager.unescapeTsv("a\\tb\\\\c")).isEqualTo("a\tb\\c");
    }

    @Test
    void inClusterModeRunsTheDdlOnTheClusterWithTheReplicatedEngineAndItsMacros() {
        ClickHouseSettings clustered = SETTINGS.withCluster("analytics_cluster", null);

        assertThat(QueueAnalyticsTable.createDatabaseSql(clustered))
                .isEqualTo("CREATE DATABASE IF NOT EXISTS analytics ON CLUSTER analytics_cluster");
        assertThat(QueueAnalyticsTable.createTableSql(clustered))
                .startsWith("CREATE TABLE IF NOT EXISTS analytics.queue_analytics ON CLUSTER analytics_cluster\n(\n")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/analytics/queue_analytics', "
                        + "'{replica}', fetched_at)\nPARTITION BY (toYYYYMMDD(event_time), queue_id)\n");
        assertThat(QueueAnalyticsTable.createDistributedTableSql(clustered)).isNull();
    }

    @Test
    void theDistributedTableShardsByQueueSoThatEveryRowOfAKeyLandsOnOneShard() {
        ClickHouseSettings distributed = SETTINGS.withCluster("analytics_cluster", "queue_analytics_all");

        assertThat(QueueAnalyticsTable.createDistributedTableSql(distributed)).isEqualTo(
                "CREATE TABLE IF NOT EXISTS analytics.queue_analytics_all ON CLUSTER analytics_cluster AS analytics.queue_analytics "
                        + "ENGINE = Distributed(analytics_cluster, analytics, queue_analytics, cityHash64(queue_id))");
        assertThat(QueueAnalyticsTable.dropDistributedTableSql(distributed))
                .isEqualTo("DROP TABLE IF EXISTS analytics.queue_analytics_all ON CLUSTER analytics_cluster");
    }
}
