package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.Inserter;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Every SQL query of the provisioned Grafana dashboard ({@code docker/grafana/dashboards}) — panel
 * targets and template-variable queries — runs against the real ClickHouse (18.16 in CI) on a
 * table the consumer created and filled, with the data source's macros expanded the way the
 * grafana-clickhouse-datasource plugin expands them ({@code $__timeFilter(c)} →
 * {@code c >= toDateTime(from) AND c <= toDateTime(to)}, {@code $__fromTime} → {@code toDateTime(from)},
 * {@code $__conditionalAll(cond, $var)} → {@code 1=1} for "All", else {@code cond}), for "All" and for
 * a chosen queue and media type. Each must succeed and return rows.
 */
@ExtendWith(RealServersExtension.class)
class DashboardQueriesIT {
    private static final Path DASHBOARDS = Path.of("..", "docker", "grafana", "dashboards");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant FROM = NOW.minus(Duration.ofHours(24));

    record Query(String where, String sql) {
    }

    @Test
    void everyDashboardQueryRunsOnTheRealClickHouseAndReturnsRows(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers);
        ClickHouseSettings settings = new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse();
        ClickHouseClient ch = new ClickHouseClient(settings);
        new SchemaManager(ch, settings).ensureSchema();
        new Inserter(ch, settings).insert(rows());

        List<Path> dashboards;
        try (var files = Files.list(DASHBOARDS)) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).as("dashboards in %s", DASHBOARDS.toAbsolutePath()).isNotEmpty();
        int run = 0;
        for (Path dashboard : dashboards) {
            List<Query> queries = queries(RecordJson.mapper().readTree(dashboard.toFile()));
            assertThat(queries).as("SQL queries in %s", dashboard).hasSizeGreaterThanOrEqualTo(5);
            for (Query query : queries) {
                for (Selection selection : List.of(Selection.ALL, Selection.ONE_QUEUE_VOICE)) {
                    String sql = expand(query.sql(), settings.qualifiedTable(), selection);
                    String answer = run(ch, sql, dashboard.getFileName() + " " + query.where() + " (" + selection + ")");
                    assertThat(answer.lines().count()).as("rows of %s (%s):%n%s", query.where(), selection, sql).isPositive();
                    run++;
                }
            }
        }
        assertThat(run).isGreaterThanOrEqualTo(10);
    }

    /**
     * A little traffic shaped the way Genesys counts: 3 queues × 2 media types × 8 half-hours before
     * now, each fetched twice (FINAL keeps the newer). Every third interval holds only the ends of
     * long calls (no offer, no answer: service level NULL); in another third more calls were
     * answered than offered (answered in the interval after their offer); the rest is ordinary.
     */
    private static List<QueueIntervalRecord> rows() {
        List<QueueIntervalRecord> rows = new ArrayList<>();
        Instant newest = NOW.truncatedTo(ChronoUnit.HOURS);
        for (int q = 0; q < 3; q++) {
            for (String media : List.of("voice", "chat")) {
                for (int i = 0; i < 8; i++) {
                    Instant start = newest.minus(Duration.ofMinutes(30L * i));
                    for (int version = 0; version < 2; version++) {
                        rows.add(row(q, media, start, i, version));
                    }
                }
            }
        }
        return rows;
    }

    private static QueueIntervalRecord row(int q, String media, Instant start, int i, int version) {
        QueueIntervalRecord.Builder r = QueueIntervalRecord.builder().queueId("queue-" + q)
                .queueName("Queue " + q + " 'support'").mediaType(media).intervalStart(start)
                .intervalEnd(start.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(NOW.minus(Duration.ofMinutes(10L - version)))
                .talkTimeMs(400_000).talkCount(2).acwTimeMs(30_000).acwCount(2).handleTimeMs(450_000).handleCount(2);
        int offered = 20 + i + version;
        return switch (i % 3) {
            case 0 -> r.build(); // only the ends of long calls
            case 1 -> r.offered(offered).answered(offered + 5).abandoned(1).serviceLevelPct(100.0 * 3 / (offered + 6))
                    .slNumerator(3).slDenominator(offered + 6).slTarget(0.8).overSla(offered + 2).answerTimeMs(900_000)
                    .waitTimeMs(950_000).maxWaitTimeMs(240_000).abandonTimeMs(50_000).build();
            default -> r.offered(offered).answered(offered - 3).abandoned(2).serviceLevelPct(100.0 * 4 / 5).shortAbandoned(1)
                    .overSla(1).slNumerator(4).slDenominator(5).slTarget(0.8).answerTimeMs(60_000).waitTimeMs(90_000)
                    .maxWaitTimeMs(30_000).abandonTimeMs(40_000).holdTimeMs(20_000).holdCount(1).transferred(1).build();
        };
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
        List<QueueIntervalRecord> rows = rows();
        new Inserter(ch, settings).insert(rows);
        List<QueueIntervalRecord> newest = rows.stream()
                .filter(r -> r.queueId().equals("queue-1") && r.mediaType().equals("voice"))
                .filter(r -> r.fetchedAt().equals(NOW.minus(Duration.ofMinutes(9))))
                .toList();
        assertThat(newest).hasSize(8).anyMatch(r -> r.answered() > r.offered()).anyMatch(r -> r.serviceLevelPct() == null);
        double ratioOfSums = 100.0 * newest.stream().mapToLong(QueueIntervalRecord::slNumerator).sum()
                / newest.stream().mapToLong(QueueIntervalRecord::slDenominator).sum();
        double averageOfPercentages = newest.stream().filter(r -> r.serviceLevelPct() != null)
                .mapToDouble(QueueIntervalRecord::serviceLevelPct).average().orElseThrow();
        assertThat(Math.abs(ratioOfSums - averageOfPercentages)).as("the data tells the two apart").isGreaterThan(10);

        JsonNode dashboard = RecordJson.mapper().readTree(DASHBOARDS.resolve("queue-analytics.json").toFile());
        Query table = queries(dashboard).stream().filter(q -> q.where().equals("panel 'Queues in the time range'"))
                .findFirst().orElseThrow();
        String answer = ch.query(expand(table.sql(), settings.qualifiedTable(), Selection.ONE_QUEUE_VOICE)
                + "\nFORMAT TabSeparatedWithNames");
        List<String> lines = answer.lines().toList();
        List<String> names = List.of(lines.get(0).split("\t"));
        String[] values = lines.get(1).split("\t");

        assertThat(lines).hasSize(2);
        assertThat(Double.parseDouble(values[names.indexOf("Service level %")])).isCloseTo(ratioOfSums, within(1e-9));
        assertThat(Long.parseLong(values[names.indexOf("Answered")]))
                .isEqualTo(newest.stream().mapToLong(QueueIntervalRecord::answered).sum());
        assertThat(Long.parseLong(values[names.indexOf("Offered")]))
                .isEqualTo(newest.stream().mapToLong(QueueIntervalRecord::offered).sum());
        assertThat(Double.parseDouble(values[names.indexOf("Longest wait (s)")])).isEqualTo(240.0);
    }

    enum Selection {
        ALL, ONE_QUEUE_VOICE
    }

    /** Panel targets (also inside collapsed rows) and template-variable queries, each with where it came from. */
    static List<Query> queries(JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        collectPanels(dashboard.path("panels"), out);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode q = variable.path("query");
                out.add(new Query("variable " + variable.path("name").asText(), q.isTextual() ? q.asText() : q.path("rawSql").asText()));
            }
        }
        return out;
    }

    private static void collectPanels(JsonNode panels, List<Query> out) {
        for (JsonNode panel : panels) {
            collectPanels(panel.path("panels"), out);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("rawSql").asText()).as("panel '%s' has raw SQL", panel.path("title").asText()).isNotBlank();
                out.add(new Query("panel '" + panel.path("title").asText() + "'", target.path("rawSql").asText()));
            }
        }
    }

    /** Expands the plugin's macros and the dashboard's variables into literal SQL. */
    static String expand(String sql, String table, Selection selection) {
        String queues = selection == Selection.ALL ? null : "'queue-1'";
        String media = selection == Selection.ALL ? null : "'voice'";
        String out = conditionalAll(sql, Map.of("queue", queues == null ? "" : queues, "media", media == null ? "" : media));
        out = replaceTimeFilters(out);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("${queue:singlequote}", queues);
        variables.put("${media:singlequote}", media);
        variables.put("${table}", table);
        variables.put("$table", table);
        variables.put("$__fromTime", "toDateTime(" + FROM.getEpochSecond() + ")");
        variables.put("$__toTime", "toDateTime(" + NOW.getEpochSecond() + ")");
        variables.put("$__interval_s", "1800");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (out.contains(v.getKey())) {
                assertThat(v.getValue()).as("%s is only used inside $__conditionalAll(…)", v.getKey()).isNotNull();
                out = out.replace(v.getKey(), v.getValue());
            }
        }
        assertThat(out).as("every macro and variable is expanded:%n%s", out).doesNotContain("$");
        return out;
    }

    /** {@code $__conditionalAll(condition, $var)}: 1=1 when the variable is "All", else the condition. */
    private static String conditionalAll(String sql, Map<String, String> chosen) {
        String macro = "$__conditionalAll(";
        int at;
        while ((at = sql.indexOf(macro)) >= 0) {
            int depth = 1;
            int i = at + macro.length();
            int comma = -1;
            for (; depth > 0; i++) {
                char c = sql.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',' && depth == 1) {
                    comma = i;
                }
            }
            String condition = sql.substring(at + macro.length(), comma).trim();
            String variable = sql.substring(comma + 1, i - 1).trim().replace("${", "").replace("}", "").replace("$", "");
            String value = chosen.get(variable);
            assertThat(value).as("$__conditionalAll over unknown variable %s", variable).isNotNull();
            sql = sql.substring(0, at) + (value.isEmpty() ? "1=1" : condition) + sql.substring(i);
        }
        return sql;
    }

    private static String replaceTimeFilters(String sql) {
        String macro = "$__timeFilter(";
        int at;
        while ((at = sql.indexOf(macro)) >= 0) {
            int end = sql.indexOf(')', at);
            String column = sql.substring(at + macro.length(), end).trim();
            sql = sql.substring(0, at) + column + " >= toDateTime(" + FROM.getEpochSecond() + ") AND " + column + " <= toDateTime("
                    + NOW.getEpochSecond() + ")" + sql.substring(end + 1);
        }
        return sql;
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
