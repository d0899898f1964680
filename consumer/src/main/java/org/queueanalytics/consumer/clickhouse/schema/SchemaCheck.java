package org.queueanalytics.consumer.clickhouse.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares an existing table with its {@link TableDefinition} ({@link QueueAnalyticsTable} unless
 * another is given) and says what to do: nothing,
 * in-place changes for the shapes earlier releases created (columns added since, service-level
 * columns made {@code Nullable}), or a mismatch no ALTER should fix silently (a missing or
 * narrower original column, a DateTime outside UTC, another engine, version or sorting key).
 * Pure: {@link SchemaManager} reads the shape and applies the result.
 *
 * @param alterations ALTER TABLE clauses, in order ({@code ADD COLUMN … AFTER …}, {@code MODIFY COLUMN …})
 * @param missing     expected columns that cannot be added in place
 * @param incompatible one line per other difference, naming what was expected and found
 */
record SchemaCheck(List<String> alterations, List<String> missing, List<String> incompatible) {
    private static final Set<String> ENGINES = Set.of("ReplacingMergeTree", "ReplicatedReplacingMergeTree");

    SchemaCheck {
        alterations = List.copyOf(alterations);
        missing = List.copyOf(missing);
        incompatible = List.copyOf(incompatible);
    }

    boolean matches() {
        return alterations.isEmpty() && missing.isEmpty() && incompatible.isEmpty();
    }

    boolean fixableInPlace() {
        return missing.isEmpty() && incompatible.isEmpty();
    }

    /** The interval table's check. */
    static SchemaCheck of(TableShape table, String serverTimeZone) {
        return of(QueueAnalyticsTable.DEFINITION, table, serverTimeZone);
    }

    static SchemaCheck of(TableDefinition definition, TableShape table, String serverTimeZone) {
        List<String> alterations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        String previous = null;
        for (Column column : definition.columns()) {
            String type = table.columns().get(column.name());
            if (type == null) {
                if (definition.addedLater().contains(column) && previous != null) {
                    alterations.add("ADD COLUMN " + column.name() + " " + column.type() + " AFTER " + previous);
                } else {
                    missing.add(column.name());
                }
            } else if (definition.nullableSince() && madeNullableSince(column, type)) {
                alterations.add("MODIFY COLUMN " + column.name() + " " + column.type());
            } else if (!ColumnTypes.compatible(column.type(), type)) {
                incompatible.add(column.name() + ": expected " + column.type() + ", found " + type);
            } else if (column.type().equals("DateTime")) {
                // The consumer writes UTC wall-clock text, which ClickHouse reads in the column's (or server's) zone.
                String zone = ColumnTypes.effectiveTimeZone(type, serverTimeZone);
                if (!ColumnTypes.isUtc(zone)) {
                    incompatible.add(column.name() + ": " + type + " reads times in " + zone + ", not UTC (run the server "
                            + "with <timezone>UTC</timezone> or declare the column DateTime('UTC'))");
                }
            }
            previous = column.name();
        }
        checkEngine(definition, table, incompatible);
        return new SchemaCheck(alterations, missing, incompatible);
    }

    /** An older release's {@code Float64} where {@code Nullable(Float64)} is expected now. */
    private static boolean madeNullableSince(Column column, String actualType) {
        return column.type().equals("Nullable(" + actualType.strip() + ")");
    }

    private static void checkEngine(TableDefinition definition, TableShape table, List<String> incompatible) {
        String version = definition.versionColumn();
        String kind = definition.rowKind();
        if (!ENGINES.contains(table.engine())) {
            incompatible.add("engine: expected ReplacingMergeTree" + (version == null ? "" : "(" + version + ")")
                    + " (or its Replicated form), found " + table.engine() + " — rows of the same " + kind
                    + " would never be deduplicated");
        } else if (version != null && !version.equals(lastEngineArgument(table.engineFull()))) {
            incompatible.add("engine: expected " + table.engine() + " with version column " + version + ", found "
                    + engineCall(table.engineFull()) + " — re-polls would not replace older rows reliably");
        }
        Set<String> key = Arrays.stream(table.sortingKey().split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
        if (!key.containsAll(definition.keyColumns())) {
            incompatible.add("sorting key: expected it to contain " + String.join(", ", definition.keyColumns()) + ", found ("
                    + table.sortingKey() + ") — FINAL would merge different " + kind + "s");
        }
    }

    /** {@code ReplacingMergeTree(fetched_at)} of {@code ReplacingMergeTree(fetched_at) PARTITION BY …}. */
    private static String engineCall(String engineFull) {
        int open = engineFull.indexOf('(');
        int close = open < 0 ? -1 : closingParenthesis(engineFull, open);
        return close < 0 ? engineFull.strip() : engineFull.substring(0, close + 1);
    }

    /** The engine's last argument (the version column of a ReplacingMergeTree), or "" without one. */
    static String lastEngineArgument(String engineFull) {
        int open = engineFull.indexOf('(');
        int close = open < 0 ? -1 : closingParenthesis(engineFull, open);
        if (close < 0) {
            return "";
        }
        String arguments = engineFull.substring(open + 1, close);
        int comma = lastTopLevelComma(arguments);
        return arguments.substring(comma + 1).strip();
    }

    private static int closingParenthesis(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lastTopLevelComma(String arguments) {
        int depth = 0;
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '\'' && (i == 0 || arguments.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                last = i;
            }
        }
        return last;
    }
}
