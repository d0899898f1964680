package org.queueanalytics.sqlcompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.sqlcompat.chdb.ChDb;
import org.queueanalytics.sqlcompat.chdb.ChDbException;
import org.queueanalytics.sqlcompat.chdb.ChDbExtension;
import org.queueanalytics.sqlcompat.chdb.ChDbSchemaSql;
import org.queueanalytics.sqlcompat.chdb.ConsumerInserts;
import org.queueanalytics.testsupport.grafana.DashboardNow;
import org.queueanalytics.testsupport.grafana.DashboardQueries;
import org.queueanalytics.testsupport.grafana.DashboardQueries.Query;
import org.queueanalytics.testsupport.grafana.DashboardQueries.Selection;
import org.queueanalytics.testsupport.grafana.DashboardQueries.TimeRange;
import org.queueanalytics.testsupport.grafana.DashboardTraffic;
import org.queueanalytics.testsupport.grafana.DashboardTraffic.QueueTableExpectation;

/**
 * Every query of the provisioned Grafana dashboards on current ClickHouse (26.7, chDB), macros
 * expanded as the data source plugin expands them, for "All" and for one queue and media type,
 * on the traffic integration-tests' DashboardQueriesIT uses on 18.16: each runs and returns rows,
 * and the queue table and the "Now" row show the numbers the rows add up to.
 */
@ExtendWith(ChDbExtension.class)
class DashboardQueriesOnCurrentClickHouseIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final TimeRange RANGE = new TimeRange(NOW.minus(Duration.ofHours(24)), NOW);

    @Test
    void everyDashboardQueryRunsOn26Point7AndReturnsRows(ChDb chdb) throws Exception {
        ClickHouseSettings settings = filledTable(chdb);

        int run = 0;
        for (Path dashboard : DashboardQueries.dashboards()) {
            List<Query> queries = DashboardQueries.queries(DashboardQueries.read(dashboard));
            assertThat(queries).as("SQL queries in %s", dashboard).hasSizeGreaterThanOrEqualTo(5);
            for (Query query : queries) {
                for (Selection selection : Selection.values()) {
                    String sql = DashboardQueries.expand(query.sql(), settings.qualifiedTable(), observationsTable(settings), selection, RANGE);
                    String answer = run(chdb, sql, "TabSeparated", dashboard.getFileName() + " " + query.where() + " (" + selection + ")");
                    assertThat(answer.lines().count()).as("rows of %s (%s):%n%s", query.where(), selection, sql).isPositive();
                    run++;
                }
            }
        }
        assertThat(run).isGreaterThanOrEqualTo(10);
    }

    /** Service level is sum(sl_numerator) ÷ sum(sl_denominator) of the newest rows, NULL service levels and answered > offered included. */
    @Test
    void theQueueTableShowsServiceLevelAsARatioOfSumsOverRowsWhereAnsweredExceedsOfferedAndSlIsNull(ChDb chdb) throws Exception {
        ClickHouseSettings settings = filledTable(chdb);
        JsonNode dashboard = DashboardQueries.read(DashboardQueries.DIRECTORY.resolve("queue-analytics.json"));
        Query table = DashboardQueries.panel(dashboard, "Queues in the time range");
        String sql = DashboardQueries.expand(table.sql(), settings.qualifiedTable(), Selection.ONE_QUEUE_VOICE, RANGE);
        Map<String, String> shown = DashboardTraffic.singleRow(run(chdb, sql, "TabSeparatedWithNames", table.where()));

        QueueTableExpectation expected = DashboardTraffic.queueOneVoice(NOW);
        assertThat(Double.parseDouble(shown.get("Service level %"))).isCloseTo(expected.serviceLevelPct(), within(1e-9));
        assertThat(Long.parseLong(shown.get("Answered"))).isEqualTo(expected.answered());
        assertThat(Long.parseLong(shown.get("Offered"))).isEqualTo(expected.offered());
        assertThat(Double.parseDouble(shown.get("Longest wait (s)"))).isEqualTo(expected.longestWaitSeconds());
    }

    /**
     * The "Now" row shows each queue's newest snapshot of the last 10 minutes, once however often it was stored: an
     * older snapshot, a stale queue and a replayed duplicate change no number, and a stale queue alone shows no data,
     * not zeros ({@link DashboardNow}).
     */
    @Test
    void theNowRowShowsTheNewestSnapshotOfEachFreshQueueOnce(ChDb chdb) throws Exception {
        ClickHouseSettings settings = filledTable(chdb);
        String observations = observationsTable(settings);
        JsonNode dashboard = DashboardQueries.read(DashboardQueries.DIRECTORY.resolve("queue-analytics.json"));
        for (String title : DashboardNow.PANELS) {
            Query panel = DashboardQueries.panel(dashboard, title);
            for (Selection selection : Selection.values()) {
                String sql = DashboardQueries.expand(panel.sql(), settings.qualifiedTable(), observations, selection, RANGE);
                String answer = run(chdb, sql, "TabSeparated", panel.where());
                assertThat(DashboardNow.comparable(title, answer)).as("%s (%s):%n%s", panel.where(), selection, sql)
                        .containsExactlyElementsOf(DashboardNow.expected(title, selection));
                if (title.equals(DashboardNow.TABLE_PANEL)) {
                    assertThat(DashboardNow.snapshotAges(answer)).allSatisfy(age -> assertThat(age).isBetween(10L, 600L));
                }
            }
            String stale = DashboardQueries.expand(panel.sql(), settings.qualifiedTable(), observations, DashboardNow.STALE_QUEUE, null, RANGE);
            assertThat(run(chdb, stale, "TabSeparated", panel.where())).as("%s (stale queue only):%n%s", panel.where(), stale).isEmpty();
        }
    }

    /** The live-state table {@link #filledTable} created next to {@code settings}' interval table, named as the consumer names it. */
    private static String observationsTable(ClickHouseSettings settings) {
        return QueueObservationsTable.settings(settings, ObservationSettings.disabled()).qualifiedTable();
    }

    /**
     * Tables of their own, created by the SchemaManager and filled as the consumer fills them: the interval
     * table with {@link DashboardTraffic}, the live-state table with {@link DashboardNow} (its replay in an insert
     * of its own: another part, as a replay arrives).
     */
    private static ClickHouseSettings filledTable(ChDb chdb) throws Exception {
        ClickHouseSettings settings = new ClickHouseSettings(List.of(java.net.URI.create("http://chdb.invalid:8123")), "default",
                Secret.of(""), "dashboards_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE), "queue_analytics",
                Compression.NONE, ClickHouseSettings.DEFAULT_PARTITION_BY);
        new SchemaManager(new ChDbSchemaSql(chdb), settings).ensureSchema();
        ConsumerInserts.insert(chdb, settings, DashboardTraffic.rows(NOW));
        ClickHouseSettings observations = QueueObservationsTable.settings(settings, ObservationSettings.disabled());
        new SchemaManager(new ChDbSchemaSql(chdb), observations, QueueObservationsTable.DEFINITION).ensureSchema();
        Instant now = Instant.now();
        ConsumerInserts.insertObservations(chdb, observations.qualifiedTable(), DashboardNow.snapshots(now));
        ConsumerInserts.insertObservations(chdb, observations.qualifiedTable(), DashboardNow.replay(now));
        return settings;
    }

    private static String run(ChDb chdb, String sql, String format, String what) throws ChDbException {
        try {
            return chdb.query(sql.getBytes(StandardCharsets.UTF_8), format);
        } catch (ChDbException e) {
            throw new AssertionError(what + " fails on ClickHouse 26.7 (chDB): " + e.getMessage() + "\n" + sql, e);
        }
    }
}
