package org.queueanalytics.consumer.clickhouse.schema;

import java.util.List;

/**
 * The existing table cannot take the consumer's rows: columns are missing or have a type the
 * values do not fit. An operator must alter or recreate the table (or point the consumer at
 * another one with {@code clickhouse.table_name}).
 */
public final class SchemaMismatchException extends Exception {
    private final List<String> missingColumns;
    private final List<String> incompatibleColumns;

    public SchemaMismatchException(String table, List<String> missingColumns, List<String> incompatibleColumns) {
        this(table, missingColumns, incompatibleColumns, "clickhouse.table_name");
    }

    /** @param tableKey the configuration key that names the table ({@code observations.table_name} for the live state) */
    public SchemaMismatchException(String table, List<String> missingColumns, List<String> incompatibleColumns, String tableKey) {
        super(message(table, missingColumns, incompatibleColumns, tableKey));
        this.missingColumns = List.copyOf(missingColumns);
        this.incompatibleColumns = List.copyOf(incompatibleColumns);
    }

    /** Names of the expected columns the table lacks. */
    public List<String> missingColumns() {
        return missingColumns;
    }

    /** {@code name: expected T, found U} for columns whose type cannot hold the values. */
    public List<String> incompatibleColumns() {
        return incompatibleColumns;
    }

    private static String message(String table, List<String> missing, List<String> incompatible, String tableKey) {
        StringBuilder sb = new StringBuilder("ClickHouse table ").append(table).append(" does not match the consumer's schema:");
        if (!missing.isEmpty()) {
            sb.append(" missing columns ").append(String.join(", ", missing)).append(';');
        }
        if (!incompatible.isEmpty()) {
            sb.append(" incompatible types ").append(String.join("; ", incompatible)).append(';');
        }
        return sb.append(" alter or recreate the table (README, \"The ClickHouse table\"), or set ").append(tableKey)
                .toString();
    }
}
