package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.Inserter;
import org.queueanalytics.consumer.clickhouse.ObservationCodec;
import org.queueanalytics.consumer.clickhouse.RowInserter;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;
import org.queueanalytics.testsupport.grafana.DashboardNow;
import org.queueanalytics.testsupport.grafana.DashboardQueries;
import org.queueanalytics.testsupport.grafana.DashboardQueries.Query;
import org.queueanalytics.testsupport.grafana.DashboardQueries.Selection;
import org.queueanalytics.testsupport.grafana.DashboardQueries.TimeRange;
import org.queueanalytics.testsupport.grafana.DashboardTraffic;
import org.queueanalytics.testsupport.grafana.DashboardTraffic.QueueTableExpectation;

/**
 * Every SQL query of the provisioned Grafana dashboard ({@code docker/grafana/dashboards}) — panel
 * targets and template-variable queries — runs against the real ClickHouse (18.16 in CI) over
 * HTTP on a table the consumer created and filled, with the data source's macros expanded as
 * {@link DashboardQueries} does, for "All" and for a chosen queue and media type. Each must
 * succeed and return rows; the queue table and the "Now" row must show the numbers their rows add up
 * to. (sql-compat runs the same queries on 26.7.)
 */
@ExtendWith(RealServersExtension.class)
class DashboardQueriesIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final TimeRange RANGE = new TimeRange(NOW.minus(java.time.Duration.ofHours(24)), NOW);

    @Test
    void everyDashboardQueryRunsOnTheRealClickHouseAndReturnsRows(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).observations("");
        PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
        ClickHouseSettings settings = config.clickhouse();
        ClickHouseClient ch = new ClickHouseClient(settings);
        new SchemaManager(ch, settings).ensureSchema();
        new Inserter(ch, settings).insert(DashboardTraffic.rows(NOW));
        String observations = fillObservations(ch, config);

        int run = 0;
        for (Path dashboard : DashboardQueries.dashboards()) {
            List<Query> queries = DashboardQueries.queries(DashboardQueries.read(dashboard));
            assertThat(queries).as("SQL queries in %s", dashboard).hasSizeGreaterThanOrEqualTo(5);
            for (Query query : queries) {
                for (Selection selection : Selection.values()) {
                    String sql = DashboardQueries.expand(query.sql(), settings.qualifiedTable(), observations, selection, RANGE);
                    String answer = run(ch, sql, dashboard.getFileName() + " " + query.where() + " (" + selection + ")");
                    assertThat(answer.lines().count()).as("rows of %s (%s):%n%s", query.where(), selection, sql).isPositive();
                    run++;
                }
            }
        }
        assertThat(run).isGreaterThanOrEqualTo(10);
    }

    /**
     * Service level over a range is sum(sl_numerator) ÷ sum(sl_denominator) of the newest rows; an
     * average of service_level_pct (with or without the NULL intervals) would be another number.
     */
    @Test
    void theQueueTableShowsServiceLevelAsARatioOfSumsOverRowsWhereAnsweredExceedsOfferedAndSlIsNull(RealServers servers,
                                                                                                  @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers);
        ClickHouseSettings settings = new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse();
        ClickHouseClient ch = new ClickHouseClient(settings);
        new SchemaManager(ch, settings).ensureSchema();
        List<QueueIntervalRecord> rows = DashboardTraffic.rows(NOW);
        new Inserter(ch, settings).insert(rows);
        JsonNode dashboard = DashboardQueries.read(DashboardQueries.DIRECTORY.resolve("queue-analytics.json"));
        Query table = DashboardQueries.panel(dashboard, "Queues in the time range");
        String answer = ch.query(DashboardQueries.expand(table.sql(), settings.qualifiedTable(), Selection.ONE_QUEUE_VOICE, RANGE)
                + "\nFORMAT TabSeparatedWithNames");
        Map<String, String> shown = DashboardTraffic.singleRow(answer);

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
    void theNowRowShowsTheNewestSnapshotOfEachFreshQueueOnce(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).observations("");
        PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
        ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
        String observations = fillObservations(ch, config);
        String table = config.clickhouse().qualifiedTable();
        JsonNode dashboard = DashboardQueries.read(DashboardQueries.DIRECTORY.resolve("queue-analytics.json"));
        for (String title : DashboardNow.PANELS) {
            Query panel = DashboardQueries.panel(dashboard, title);
            for (Selection selection : Selection.values()) {
                String sql = DashboardQueries.expand(panel.sql(), table, observations, selection, RANGE);
                String answer = run(ch, sql, panel.where());
                assertThat(DashboardNow.comparable(title, answer)).as("%s (%s):%n%s", panel.where(), selection, sql)
                        .containsExactlyElementsOf(DashboardNow.expected(title, selection));
                if (title.equals(DashboardNow.TABLE_PANEL)) {
                    assertThat(DashboardNow.snapshotAges(answer)).allSatisfy(age -> assertThat(age).isBetween(10L, 600L));
                }
            }
            String stale = DashboardQueries.expand(panel.sql(), table, observations, DashboardNow.STALE_QUEUE, null, RANGE);
            assertThat(run(ch, stale, panel.where())).as("%s (stale queue only):%n%s", panel.where(), stale).isEmpty();
        }
    }

    /**
     * Creates the live-state table as the consumer does and inserts {@link DashboardNow}'s snapshots through its
     * inserter, then the replay of one in an insert of its own (another part, as a replay arrives).
     */
    private static String fillObservations(ClickHouseClient ch, PipelineConfig config) throws Exception {
        ClickHouseSettings settings = QueueObservationsTable.settings(config.clickhouse(), config.observations());
        new SchemaManager(ch, settings, QueueObservationsTable.DEFINITION).ensureSchema();
        Instant now = Instant.now();
        new RowInserter<>(ch, settings, ObservationCodec.INSTANCE).insert(DashboardNow.snapshots(now));
        new RowInserter<>(ch, settings, ObservationCodec.INSTANCE).insert(DashboardNow.replay(now));
        return settings.qualifiedTable();
    }

    private static String run(ClickHouseClient ch, String sql, String what) throws InterruptedException {
        try {
            return ch.query(sql + "\nFORMAT TabSeparated");
        } catch (ClickHouseException e) {
            throw new AssertionError(what + " fails on " + serverVersion(ch) + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    private static String serverVersion(ClickHouseClient ch) throws InterruptedException {
        try {
            return "ClickHouse " + ch.query("SELECT version()").trim();
        } catch (ClickHouseException e) {
            return "ClickHouse (version unknown)";
        }
    }
}
