package org.queueanalytics.consumer.clickhouse.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a target table exists and can take the consumer's rows — the interval table
 * ({@link QueueAnalyticsTable}) unless another {@link TableDefinition} is given (the observations'):
 * creates the database and the table when missing ({@link TableDefinition#createTableSql}), migrates a table an
 * earlier release created in place (see {@link SchemaCheck}: new metric columns added, the
 * service-level columns made {@code Nullable}; logged once, existing rows untouched), and
 * refuses anything else that differs, naming it. Idempotent; safe to call from several
 * consumers at once ({@code IF NOT EXISTS}; a migration that loses a race is re-checked).
 *
 * <p>Cluster mode ({@code clickhouse.cluster}): every statement runs {@code ON CLUSTER}, the
 * table is replicated (the ALTER of a migration runs once per shard and replicates), and the
 * {@code Distributed} table ({@code clickhouse.distributed_table}) is created over it — and
 * recreated when its columns no longer match the replicated table's (it holds no rows; 18.16
 * cannot ALTER it {@code ON CLUSTER}).
 */
public final class SchemaManager {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    private final SchemaSql client;
    private final ClickHouseSettings settings;
    private final TableDefinition table;

    /** The interval table. */
    public SchemaManager(ClickHouseClient client, ClickHouseSettings settings) {
        this(SchemaSql.of(client), settings);
    }

    /** Runs the schema's statements and queries through {@code sql} (the sql-compat tests: an in-process ClickHouse). */
    public SchemaManager(SchemaSql sql, ClickHouseSettings settings) {
        this(sql, settings, QueueAnalyticsTable.DEFINITION);
    }

    /** The table {@code table} describes, named by {@code settings} ({@code table_name}, {@code distributed_table}). */
    public SchemaManager(ClickHouseClient client, ClickHouseSettings settings, TableDefinition table) {
        this(SchemaSql.of(client), settings, table);
    }

    public SchemaManager(SchemaSql sql, ClickHouseSettings settings, TableDefinition table) {
        this.client = sql;
        this.settings = settings;
        this.table = table;
    }

    /** Creates what is missing, migrates a known older shape, then checks as {@link #verify()}. */
    public void ensureSchema() throws ClickHouseException, SchemaMismatchException, InterruptedException {
        client.execute(QueueAnalyticsTable.createDatabaseSql(settings));
        client.execute(table.createTableSql(settings));
        SchemaCheck check = check();
        if (!check.alterations().isEmpty() && check.fixableInPlace()) {
            migrate(check.alterations());
            check = check();
        }
        requireMatch(check);
        ensureDistributedTable();
    }

    /** Fails, naming every difference, unless the table matches exactly (a pending migration is a difference). */
    public void verify() throws ClickHouseException, SchemaMismatchException, InterruptedException {
        requireMatch(check());
        String distributed = settings.qualifiedDistributedTable();
        if (distributed != null && !distributedMatches()) {
            throw new SchemaMismatchException(distributed, List.of(), List.of("columns: expected those of "
                    + settings.qualifiedTable() + " (the consumer recreates the Distributed table at start)"), table.tableKey());
        }
    }

    /** Creates the Distributed table when configured; recreates it when its columns lag behind a migration. */
    private void ensureDistributedTable() throws ClickHouseException, InterruptedException {
        String create = QueueAnalyticsTable.createDistributedTableSql(settings);
        if (create == null) {
            return;
        }
        client.execute(create);
        if (!distributedMatches()) {
            client.execute(QueueAnalyticsTable.dropDistributedTableSql(settings));
            client.execute(create);
            LOG.info("Recreated the Distributed table {} over {} with its current columns",
                    settings.qualifiedDistributedTable(), settings.qualifiedTable());
        }
    }

    /** Whether the Distributed table has exactly the replicated table's columns, in order. */
    private boolean distributedMatches() throws ClickHouseException, InterruptedException {
        return columns(settings.distributedTable()).equals(columns(settings.tableName()));
    }

    private List<String> columns(String table) throws ClickHouseException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (String[] row : tsv(client.query("SELECT name, type FROM system.columns WHERE database = '"
                + settings.database() + "' AND table = '" + table + "' FORMAT TabSeparated"))) {
            out.add(String.join(" ", row));
        }
        return out;
    }

    private void migrate(List<String> alterations) throws ClickHouseException, InterruptedException {
        String table = settings.qualifiedTable();
        try {
            client.execute("ALTER TABLE " + table + settings.onCluster() + " " + String.join(", ", alterations));
        } catch (ClickHouseException e) {
            if (!check().alterations().isEmpty()) {
                throw e;
            }
            LOG.info("ClickHouse table {} was migrated by another consumer meanwhile", table);
            return;
        }
        LOG.info("Migrated ClickHouse table {} in place (existing rows kept; added columns read 0, or NULL for "
                + "service_target, until their intervals are re-polled): {}", table, String.join("; ", alterations));
    }

    /**
     * Throws unless {@code check} found nothing. When the table differs in ways no ALTER fixes
     * here, those are named (the columns added since are added once they are fixed); when only
     * a migration is pending ({@link #verify}), the migration is named.
     */
    private void requireMatch(SchemaCheck check) throws SchemaMismatchException {
        if (check.matches()) {
            return;
        }
        if (!check.fixableInPlace()) {
            throw new SchemaMismatchException(settings.qualifiedTable(), check.missing(), check.incompatible(), table.tableKey());
        }
        List<String> pending = check.alterations().stream().map(a -> "pending migration " + a).toList();
        throw new SchemaMismatchException(settings.qualifiedTable(), List.of(), pending, table.tableKey());
    }

    SchemaCheck check() throws ClickHouseException, InterruptedException {
        String serverTimeZone = client.query("SELECT timezone()").strip();
        return SchemaCheck.of(table, shape(), serverTimeZone);
    }

    /** The table as the server describes it (it exists: {@link #ensureSchema} created it, or the caller expects it). */
    TableShape shape() throws ClickHouseException, InterruptedException {
        // database and table are validated plain identifiers: safe inside quotes.
        String where = " WHERE database = '" + settings.database() + "' AND ";
        Map<String, String> columns = new LinkedHashMap<>();
        for (String[] row : tsv(client.query("SELECT name, type FROM system.columns" + where + "table = '"
                + settings.tableName() + "' FORMAT TabSeparated"))) {
            columns.put(row[0], row[1]);
        }
        List<String[]> table = tsv(client.query("SELECT engine, engine_full, sorting_key FROM system.tables" + where
                + "name = '" + settings.tableName() + "' FORMAT TabSeparated"));
        if (table.isEmpty()) {
            return new TableShape(columns, "(no table)", "", "");
        }
        String[] t = table.get(0);
        return new TableShape(columns, t[0], t.length > 1 ? t[1] : "", t.length > 2 ? t[2] : "");
    }

    private static List<String[]> tsv(String text) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\t", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = unescapeTsv(fields[i]);
                }
                rows.add(fields);
            }
        }
        return rows;
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
