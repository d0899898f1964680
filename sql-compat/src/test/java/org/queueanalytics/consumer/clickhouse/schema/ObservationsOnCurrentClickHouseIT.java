package org.queueanalytics.consumer.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.sqlcompat.chdb.ChDb;
import org.queueanalytics.sqlcompat.chdb.ChDbExtension;
import org.queueanalytics.sqlcompat.chdb.ChDbSchemaSql;
import org.queueanalytics.sqlcompat.chdb.ConsumerInserts;
import org.queueanalytics.testsupport.LiveStateQueries;

/**
 * The live-state table on current ClickHouse (26.7, chDB): its DDL, the schema check's reading of it
 * (an engine without version, the sorting key), a mismatch named, the consumer's INSERTs, and the
 * README's "latest per queue" query — the same statements the consumer runs on 18.16.
 */
@ExtendWith(ChDbExtension.class)
class ObservationsOnCurrentClickHouseIT {
    private final String database = "observations_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);

    private ClickHouseSettings settings(String table) {
        ClickHouseSettings clickhouse = new ClickHouseSettings(List.of(URI.create("http://chdb.invalid:8123")), "default", Secret.of(""),
                database, "queue_analytics", Compression.NONE, ClickHouseSettings.DEFAULT_PARTITION_BY);
        ObservationSettings observations = new ObservationSettings(true, ObservationSettings.DEFAULT_INTERVAL,
                ObservationSettings.DEFAULT_METRICS, ObservationSettings.DEFAULT_MAX_REQUESTS_PER_MINUTE, ObservationSettings.DEFAULT_TOPIC,
                table);
        return QueueObservationsTable.settings(clickhouse, observations);
    }

    private static SchemaManager schema(ChDb chdb, ClickHouseSettings settings) {
        return new SchemaManager(new ChDbSchemaSql(chdb), settings, QueueObservationsTable.DEFINITION);
    }

    @Test
    void createsTheTableAndTheCheckThenMatches(ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings("queue_observations");
        SchemaManager schema = schema(chdb, settings);

        schema.ensureSchema();
        schema.ensureSchema(); // idempotent
        schema.verify();

        assertThat(schema.check().matches()).isTrue();
        assertThat(chdb.query("SELECT engine, partition_key, sorting_key FROM system.tables WHERE database = '" + database
                + "' AND name = 'queue_observations'").strip())
                .isEqualTo("ReplacingMergeTree\ttoYYYYMMDD(observed_at)\tqueue_id, metric, media_type, qualifier, observed_at_ms");
        List<String> columns = new ArrayList<>(QueueObservationsTable.COLUMNS.stream().map(c -> c.name() + "\t" + c.type()).toList());
        columns.add("inserted_at\tDateTime");
        assertThat(chdb.query("SELECT name, type FROM system.columns WHERE database = '" + database
                + "' AND table = 'queue_observations' ORDER BY position").lines().toList()).containsExactlyElementsOf(columns);
        assertThat(SchemaCheck.lastEngineArgument(schema.shape().engineFull())).as("no version argument")
                .doesNotContain("observed_at_ms", "inserted_at");
    }

    @Test
    void theCheckNamesTheTableAndWhatDiffers(ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings("hand_made");
        chdb.execute("CREATE DATABASE IF NOT EXISTS " + database);
        chdb.execute("CREATE TABLE " + settings.qualifiedTable() + " (observed_at DateTime, observed_at_ms UInt64, queue_id String, "
                + "queue_name String, media_type String, metric String, count Int64, calculated_value Int64) ENGINE = MergeTree "
                + "PARTITION BY toYYYYMMDD(observed_at) ORDER BY (queue_id, metric, observed_at_ms)");

        assertThatThrownBy(() -> schema(chdb, settings).ensureSchema())
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.getMessage()).startsWith("ClickHouse table " + settings.qualifiedTable() + " does not match")
                            .endsWith("or set observations.table_name");
                    assertThat(e.missingColumns()).containsExactly("qualifier");
                    assertThat(e.incompatibleColumns()).containsExactly(
                            "calculated_value: expected Nullable(Int64), found Int64",
                            "engine: expected ReplacingMergeTree (or its Replicated form), found MergeTree — rows of the same "
                                    + "snapshot would never be deduplicated",
                            "sorting key: expected it to contain queue_id, metric, media_type, qualifier, observed_at_ms, found "
                                    + "(queue_id, metric, observed_at_ms) — FINAL would merge different snapshots");
                });
    }

    @Test
    void theConsumersInsertsAndTheLatestPerQueueQueryRunAndCountOnlyEachQueuesNewestSnapshotOnce(ChDb chdb) throws Exception {
        ClickHouseSettings settings = settings("queue_observations");
        schema(chdb, settings).ensureSchema();
        Instant latest = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30).plusMillis(250);
        Instant older = latest.minusSeconds(45);
        List<QueueObservationRecord> rows = List.of(
                // q-1: an older snapshot, then the newest (whose numbers count)
                of("q-1", "voice", "oWaiting", "", 9, null, older),
                of("q-1", "voice", "oWaiting", "", 2, null, latest),
                of("q-1", "chat", "oWaiting", "", 1, null, latest),
                of("q-1", "voice", "oLongestWaiting", "", 2, latest.toEpochMilli() - 90_000, latest),
                of("q-1", "", "oOnQueueUsers", "IDLE", 4, null, latest),
                of("q-1", "", "oOnQueueUsers", "INTERACTING", 2, null, latest),
                // q-2: its newest snapshot has no oWaiting (Genesys left it out): 0, not the older 5; nobody waits
                of("q-2", "voice", "oWaiting", "", 5, null, older),
                of("q-2", "", "oOnQueueUsers", "IDLE", 1, null, latest),
                of("q-2", "voice", "oLongestWaiting", "", 0, null, latest),
                // q-3: last seen long ago: not on the wallboard
                of("q-3", "voice", "oWaiting", "", 7, null, latest.minusSeconds(3600)));
        ConsumerInserts.insertObservations(chdb, settings.qualifiedTable(), rows);
        ConsumerInserts.insertObservations(chdb, settings.qualifiedTable(), rows.subList(1, 6)); // a replay of q-1's newest snapshot

        String answer = chdb.query(LiveStateQueries.latestPerQueue(settings.qualifiedTable(), "now()"));

        String asOf = chdb.query("SELECT toString(toDateTime(" + latest.getEpochSecond() + "))").strip();
        assertThat(answer.lines().toList()).containsExactly(
                "q-1\t3\t6\t90\t" + asOf,
                "q-2\t0\t1\t\\N\t" + asOf);
        assertThat(chdb.query("SELECT count() FROM " + settings.qualifiedTable() + " FINAL").strip()).isEqualTo(Integer.toString(rows.size()));
    }

    private static QueueObservationRecord of(String queue, String media, String metric, String qualifier, long count, Long value,
                                             Instant at) {
        return QueueObservationRecord.of(queue, "Queue " + queue, media, metric, qualifier, count, value, at);
    }
}
