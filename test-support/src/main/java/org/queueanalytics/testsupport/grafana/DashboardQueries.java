package org.queueanalytics.testsupport.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SQL of the provisioned Grafana dashboards ({@code docker/grafana/dashboards/*.json}) — panel
 * targets (also inside collapsed rows) and template-variable queries — with the data source's
 * macros expanded the way the grafana-clickhouse-datasource plugin expands them
 * ({@code $__timeFilter(c)} → {@code c >= toDateTime(from) AND c <= toDateTime(to)},
 * {@code $__fromTime} → {@code toDateTime(from)}, {@code $__conditionalAll(cond, $var)} →
 * {@code 1=1} for "All", else {@code cond}), so that tests run them on a real ClickHouse: 18.16
 * over HTTP (integration-tests) and 26.7 in process (sql-compat).
 */
public final class DashboardQueries {
    /** The dashboards, from a module directory of this repository. */
    public static final Path DIRECTORY = Path.of("..", "docker", "grafana", "dashboards");

    /** One query and where it came from ({@code panel 'Title'} or {@code variable name}). */
    public record Query(String where, String sql) {
    }

    /** The dashboard's variables: "All", or one queue ({@code queue-1}) and media type ({@code voice}). */
    public enum Selection {
        ALL, ONE_QUEUE_VOICE
    }

    /** The time range the dashboard shows. */
    public record TimeRange(Instant from, Instant to) {
    }

    private DashboardQueries() {
    }

    /** Every {@code *.json} of {@link #DIRECTORY}, sorted; fails when there is none. */
    public static List<Path> dashboards() throws IOException {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        if (dashboards.isEmpty()) {
            throw new AssertionError("no dashboards in " + DIRECTORY.toAbsolutePath());
        }
        return dashboards;
    }

    public static JsonNode read(Path dashboard) throws IOException {
        return new ObjectMapper().readTree(dashboard.toFile());
    }

    /** Panel targets (also inside collapsed rows) and template-variable queries, each with where it came from. */
    public static List<Query> queries(JsonNode dashboard) {
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

    /** The query of the panel titled {@code title}. */
    public static Query panel(JsonNode dashboard, String title) {
        String where = "panel '" + title + "'";
        return queries(dashboard).stream().filter(q -> q.where().equals(where)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + where + " in the dashboard"));
    }

    private static void collectPanels(JsonNode panels, List<Query> out) {
        for (JsonNode panel : panels) {
            collectPanels(panel.path("panels"), out);
            for (JsonNode target : panel.path("targets")) {
                if (target.path("rawSql").asText().isBlank()) {
                    throw new AssertionError("panel '" + panel.path("title").asText() + "' has no raw SQL");
                }
                out.add(new Query("panel '" + panel.path("title").asText() + "'", target.path("rawSql").asText()));
            }
        }
    }

    /** Expands the plugin's macros and the dashboard's variables into literal SQL. */
    public static String expand(String sql, String table, Selection selection, TimeRange range) {
        return expand(sql, table, table.substring(0, table.indexOf('.') + 1) + "queue_observations", selection, range);
    }

    /** As {@link #expand(String, String, Selection, TimeRange)}, with the live-state table for {@code ${observations}}. */
    public static String expand(String sql, String table, String observationsTable, Selection selection, TimeRange range) {
        return selection == Selection.ALL
                ? expand(sql, table, observationsTable, null, null, range)
                : expand(sql, table, observationsTable, "'queue-1'", "'voice'", range);
    }

    /**
     * As {@link #expand(String, String, String, Selection, TimeRange)}, with the chosen values of the
     * {@code queue} and {@code media} variables as the plugin writes them ({@code 'queue-0'}, {@code 'voice','chat'}),
     * {@code null} for "All": for the selections {@link Selection} does not name, such as a stale queue.
     */
    public static String expand(String sql, String table, String observationsTable, String queues, String media, TimeRange range) {
        String out = conditionalAll(sql, Map.of("queue", queues == null ? "" : queues, "media", media == null ? "" : media));
        out = replaceTimeFilters(out, range);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("${queue:singlequote}", queues);
        variables.put("${media:singlequote}", media);
        variables.put("${table}", table);
        variables.put("${observations}", observationsTable);
        variables.put("$table", table);
        variables.put("$__fromTime", "toDateTime(" + range.from().getEpochSecond() + ")");
        variables.put("$__toTime", "toDateTime(" + range.to().getEpochSecond() + ")");
        variables.put("$__interval_s", "1800");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (out.contains(v.getKey())) {
                if (v.getValue() == null) {
                    throw new AssertionError(v.getKey() + " may only be used inside $__conditionalAll(…):\n" + sql);
                }
                out = out.replace(v.getKey(), v.getValue());
            }
        }
        if (out.contains("$")) {
            throw new AssertionError("a macro or variable was not expanded:\n" + out);
        }
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
            if (value == null) {
                throw new AssertionError("$__conditionalAll over unknown variable " + variable);
            }
            sql = sql.substring(0, at) + (value.isEmpty() ? "1=1" : condition) + sql.substring(i);
        }
        return sql;
    }

    private static String replaceTimeFilters(String sql, TimeRange range) {
        String macro = "$__timeFilter(";
        int at;
        while ((at = sql.indexOf(macro)) >= 0) {
            int end = sql.indexOf(')', at);
            String column = sql.substring(at + macro.length(), end).trim();
            sql = sql.substring(0, at) + column + " >= toDateTime(" + range.from().getEpochSecond() + ") AND " + column
                    + " <= toDateTime(" + range.to().getEpochSecond() + ")" + sql.substring(end + 1);
        }
        return sql;
    }
}
