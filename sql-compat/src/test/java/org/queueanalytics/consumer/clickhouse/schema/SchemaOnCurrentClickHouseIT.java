package org.queueanalytics.consumer.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.testing.FirstReleaseTable;
import org.queueanalytics.consumer.clickhouse.testing.StoredRows;
import org.queueanalytics.sqlcompat.chdb.ChDb;
import org.queueanalytics.sqlcompat.chdb.ChDbExtension;
import org.queueanalytics.sqlcompat.chdb.ChDbSchemaSql;

/**
 * The consumer's schema SQL on current ClickHouse (26.7, chDB): the DDL with both documented
 * partition keys, the schema check's own queries (system.columns, system.tables, timezone()),
 * and the in-place migration of a table the first release created — run by the real
 * {@link SchemaManager} through its {@link SchemaSql} seam. (In the consumer's package: it
 * reads {@link SchemaCheck} and {@link TableShape} directly.)
 */
@ExtendWith(ChDbExtension.class)
class SchemaOnCurrentClickHouseIT {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private final String database = "schema_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);

    @ParameterizedTest
    @ValueSource(strings = {ClickHouseSettings.DEFAULT_PARTITION_BY, "toYYYYMM(event_time)"})
    void createsTheTableWithEachDocumentedPartitionKeyAndTheCheckThenMatches(String partitionBy, ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings(partitionBy);
        SchemaManager schema = new SchemaManager(new ChDbSchemaSql(chdb), settings);

        schema.ensureSchema();
        schema.ensureSchema(); // idempotent: IF NOT EXISTS, nothing to migrate
        schema.verify();

        assertThat(schema.check().matches()).isTrue();
        assertThat(chdb.query("SELECT partition_key, sorting_key FROM system.tables WHERE database = '" + database
                + "' AND name = '" + settings.tableName() + "'").strip())
                .isEqualTo(partitionBy + "\tevent_time, queue_id, media_type, interval_start");
        assertThat(chdb.query("SELECT name, type FROM system.columns WHERE database = '" + database + "' AND table = '"
                + settings.tableName() + "' ORDER BY position").lines().toList())
                .containsExactlyElementsOf(QueueAnalyticsTable.COLUMNS.stream().map(c -> c.name() + "\t" + c.type()).toList());
    }

    @Test
    void theSchemaChecksQueriesReadTheShapeItExpects(ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings(ClickHouseSettings.DEFAULT_PARTITION_BY);
        SchemaManager schema = new SchemaManager(new ChDbSchemaSql(chdb), settings);
        schema.ensureSchema();

        TableShape shape = schema.shape();

        assertThat(shape.engine()).isEqualTo("ReplacingMergeTree");
        assertThat(shape.engineFull()).startsWith("ReplacingMergeTree(fetched_at) PARTITION BY (toYYYYMMDD(event_time), queue_id) "
                + "ORDER BY (event_time, queue_id, media_type, interval_start)");
        assertThat(SchemaCheck.lastEngineArgument(shape.engineFull())).isEqualTo("fetched_at");
        assertThat(shape.sortingKey()).isEqualTo("event_time, queue_id, media_type, interval_start");
        assertThat(shape.columns()).hasSize(QueueAnalyticsTable.COLUMNS.size());
        QueueAnalyticsTable.COLUMNS.forEach(c -> assertThat(shape.columns()).containsEntry(c.name(), c.type()));
        String timeZone = chdb.query("SELECT timezone()").strip();
        assertThat(ColumnTypes.isUtc(timeZone)).as("the engine's time zone %s", timeZone).isTrue();
    }

    @Test
    void theSchemaCheckNamesAnotherEngineAKeyWithoutTheIntervalAndATimeZoneOutsideUtc(ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings("toYYYYMM(event_time)");
        chdb.execute("CREATE DATABASE IF NOT EXISTS " + database);
        StringBuilder columns = new StringBuilder();
        for (Column c : QueueAnalyticsTable.COLUMNS) {
            columns.append(columns.isEmpty() ? "" : ", ").append(c.name()).append(' ')
                    .append(c.name().equals("interval_end") ? "DateTime('Asia/Kolkata')" : c.type());
        }
        chdb.execute("CREATE TABLE " + settings.qualifiedTable() + " (" + columns + ") ENGINE = MergeTree "
                + "PARTITION BY toYYYYMM(event_time) ORDER BY (event_time, queue_id)");

        assertThatThrownBy(() -> new SchemaManager(new ChDbSchemaSql(chdb), settings).ensureSchema())
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.missingColumns()).isEmpty();
                    assertThat(e.incompatibleColumns()).hasSize(3);
                    assertThat(e.incompatibleColumns().get(0)).startsWith("interval_end: DateTime('Asia/Kolkata') reads times in Asia/Kolkata");
                    assertThat(e.incompatibleColumns().get(1)).startsWith("engine: expected ReplacingMergeTree(fetched_at)")
                            .contains("found MergeTree");
                    assertThat(e.incompatibleColumns().get(2)).startsWith("sorting key: ").contains("found (event_time, queue_id)");
                });
    }

    @Test
    void migratesTheFirstReleasesTableInPlaceThenTheCheckMatchesAndOldRowsKeepTheirValues(ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings(ClickHouseSettings.DEFAULT_PARTITION_BY);
        String table = settings.qualifiedTable();
        chdb.execute("CREATE DATABASE IF NOT EXISTS " + database);
        chdb.execute(FirstReleaseTable.DDL.formatted(table));
        chdb.execute("INSERT INTO " + table + " (" + FirstReleaseTable.COLUMNS + ") VALUES "
                + "('2025-01-27 07:00:00','q-old','Old queue','voice','2025-01-27 07:00:00','2025-01-27 07:30:00','PT30M',"
                + "42,38,3,78.05,1,1,6,32,41,0.8,456000,820200,7560000,151584,560000,8271584,35,2,1737961200000)");
        SchemaManager schema = new SchemaManager(new ChDbSchemaSql(chdb), settings);

        SchemaCheck before = schema.check();
        assertThat(before.fixableInPlace()).isTrue();
        assertThat(before.alterations()).contains("MODIFY COLUMN service_level_pct Nullable(Float64)",
                "MODIFY COLUMN sl_target Nullable(Float64)", "ADD COLUMN abandon_time_ms UInt64 AFTER transferred",
                "ADD COLUMN service_target Nullable(Float64) AFTER voicemail_count")
                .hasSize(2 + QueueAnalyticsTable.ADDED_LATER.size());

        schema.ensureSchema(); // runs the planned ALTER TABLE on 26.7

        assertThat(schema.check().matches()).as("the check after the migration: %s", schema.check()).isTrue();
        schema.verify();
        assertThat(chdb.query("SELECT name FROM system.columns WHERE database = '" + database + "' AND table = '"
                + settings.tableName() + "' ORDER BY position").lines().toList())
                .as("every added column AFTER its predecessor: the table's order is the INSERT's")
                .containsExactlyElementsOf(QueueAnalyticsTable.COLUMNS.stream().map(Column::name).toList());
        Instant t0 = Instant.parse("2025-01-27T07:00:00Z");
        QueueIntervalRecord oldRow = QueueIntervalRecord.builder().queueId("q-old").queueName("Old queue").mediaType("voice")
                .intervalStart(t0).intervalEnd(t0.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(Instant.ofEpochMilli(1737961200000L)).offered(42).answered(38).abandoned(3).serviceLevelPct(78.05)
                .shortAbandoned(1).flowOuts(1).overSla(6).slNumerator(32).slDenominator(41).slTarget(0.8)
                .answerTimeMs(456000).waitTimeMs(820200).talkTimeMs(7560000).holdTimeMs(151584).acwTimeMs(560000)
                .handleTimeMs(8271584).handleCount(35).transferred(2).build(); // later metrics 0, service_target NULL
        assertThat(StoredRows.read(chdb::query, table, "")).containsExactly(oldRow);
    }

    private ClickHouseSettings settings(String partitionBy) {
        return new ClickHouseSettings(List.of(java.net.URI.create("http://chdb.invalid:8123")), "default", Secret.of(""),
                database, "t_" + TABLES.incrementAndGet(), Compression.NONE, partitionBy);
    }
}
