package org.queueanalytics.consumer.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
    private static final String ENGINE = "ReplacingMergeTree(fetched_at) PARTITION BY (toYYYYMMDD(event_time), queue_id) "
            + "ORDER BY (event_time, queue_id, media_type, interval_start) SETTINGS index_granularity = 8192";
    private static final String KEY = "event_time, queue_id, media_type, interval_start";

    /** The columns of the table as the first release created it (before the later metrics, SL not nullable). */
    static Map<String, String> firstReleaseColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Column c : QueueAnalyticsTable.COLUMNS) {
            if (!QueueAnalyticsTable.ADDED_LATER.contains(c)) {
                columns.put(c.name(), c.type().replace("Nullable(Float64)", "Float64"));
            }
        }
        return columns;
    }

    static Map<String, String> currentColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        QueueAnalyticsTable.COLUMNS.forEach(c -> columns.put(c.name(), c.type()));
        return columns;
    }

    @Test
    void aTableOfTheCurrentShapeMatches() {
        assertThat(SchemaCheck.of(new TableShape(currentColumns(), "ReplacingMergeTree", ENGINE, KEY), "UTC").matches()).isTrue();
    }

    @Test
    void migratesTheFirstReleasesTableInPlaceColumnByColumnInTableOrder() {
        SchemaCheck check = SchemaCheck.of(new TableShape(firstReleaseColumns(), "ReplacingMergeTree", ENGINE, KEY), "UTC");

        assertThat(check.fixableInPlace()).isTrue();
        assertThat(check.alterations()).startsWith(
                        "MODIFY COLUMN service_level_pct Nullable(Float64)",
                        "MODIFY COLUMN sl_target Nullable(Float64)",
                        "ADD COLUMN abandon_time_ms UInt64 AFTER transferred",
                        "ADD COLUMN max_wait_time_ms UInt64 AFTER abandon_time_ms")
                .endsWith("ADD COLUMN service_target Nullable(Float64) AFTER voicemail_count")
                .hasSize(2 + QueueAnalyticsTable.ADDED_LATER.size());
    }

    @Test
    void neverAddsAnOriginalColumnOrWidensATypeSilently() {
        Map<String, String> columns = firstReleaseColumns();
        columns.remove("queue_name");
        columns.put("offered", "Int16");
        SchemaCheck check = SchemaCheck.of(new TableShape(columns, "ReplacingMergeTree", ENGINE, KEY), "UTC");

        assertThat(check.fixableInPlace()).isFalse();
        assertThat(check.missing()).containsExactly("queue_name");
        assertThat(check.incompatible()).containsExactly("offered: expected Int32, found Int16");
    }

    @Test
    void refusesAnotherEngineAVersionOtherThanFetchedAtOrASortingKeyWithoutTheIntervalKey() {
        assertThat(SchemaCheck.of(new TableShape(currentColumns(), "MergeTree", "MergeTree PARTITION BY x ORDER BY y", KEY), "UTC")
                .incompatible()).singleElement().asString().startsWith("engine: expected ReplacingMergeTree(fetched_at)");
        assertThat(SchemaCheck.of(new TableShape(currentColumns(), "ReplacingMergeTree", "ReplacingMergeTree ORDER BY y", KEY), "UTC")
                .incompatible()).singleElement().asString().contains("version column fetched_at");
        assertThat(SchemaCheck.of(new TableShape(currentColumns(), "ReplacingMergeTree", ENGINE, "event_time, queue_id"), "UTC")
                .incompatible()).singleElement().asString().startsWith("sorting key: expected it to contain");
    }

    @Test
    void acceptsTheReplicatedEngineWithItsPathAndReplicaArguments() {
        String replicated = "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/analytics/queue_analytics', '{replica}', "
                + "fetched_at) PARTITION BY toYYYYMM(event_time) ORDER BY (event_time, queue_id, media_type, interval_start)";
        assertThat(SchemaCheck.of(new TableShape(currentColumns(), "ReplicatedReplacingMergeTree", replicated, KEY), "UTC")
                .matches()).isTrue();
        assertThat(SchemaCheck.lastEngineArgument("ReplacingMergeTree(fetched_at)")).isEqualTo("fetched_at");
        assertThat(SchemaCheck.lastEngineArgument("ReplacingMergeTree")).isEmpty();
    }
}
