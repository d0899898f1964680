package org.queueanalytics.consumer.clickhouse.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;

/**
 * Makes sure the target table exists and can take the consumer's rows: creates the database
 * and the table when missing ({@link QueueAnalyticsTable#createTableSql}), then checks through
 * {@code system.columns} that an existing table has every column with a compatible type, and
 * that its DateTime columns read text in UTC (the encoder writes UTC wall-clock times).
 * Idempotent; safe to call from several consumers at once ({@code IF NOT EXISTS}).
 */
public final class SchemaManager {
    private final ClickHouseClient client;
    private final ClickHouseSettings settings;

    public SchemaManager(ClickHouseClient client, ClickHouseSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Creates what is missing, then {@link #verify()}. */
    public void ensureSchema() throws ClickHouseException, SchemaMismatchException, InterruptedException {
        client.execute(QueueAnalyticsTable.createDatabaseSql(settings));
        client.execute(QueueAnalyticsTable.createTableSql(settings));
        verify();
    }

    /** Fails, naming the columns, when the table lacks an expected column or has one of an unfit type. */
    public void verify() throws ClickHouseException, SchemaMismatchException, InterruptedException {
        Map<String, String> actual = existingColumns();
        String serverTimeZone = client.query("SELECT timezone()").strip();
        List<String> missing = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        for (Column column : QueueAnalyticsTable.COLUMNS) {
            String type = actual.get(column.name());
            if (type == null) {
                missing.add(column.name());
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
        }
        if (!missing.isEmpty() || !incompatible.isEmpty()) {
            throw new SchemaMismatchException(settings.qualifiedTable(), missing, incompatible);
        }
    }

    /** name → type of the table's columns; empty when the table does not exist. */
    Map<String, String> existingColumns() throws ClickHouseException, InterruptedException {
        // database and table are validated plain identifiers: safe inside quotes.
        String tsv = client.query("SELECT name, type FROM system.columns WHERE database = '" + settings.database()
                + "' AND table = '" + settings.tableName() + "' FORMAT TabSeparated");
        Map<String, String> columns = new LinkedHashMap<>();
        for (String line : tsv.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                columns.put(unescapeTsv(line.substring(0, tab)), unescapeTsv(line.substring(tab + 1)));
            }
        }
        return columns;
    }

    /** TabSeparated escapes backslash, tab, newline (and a few more); enough for column names and types. */
    static String unescapeTsv(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
