package org.queueanalytics.common.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ClickHouse server(s) and the target table. {@code url} may name several replicas
 * (comma-separated, or a JSON array); the consumer fails over between them.
 * {@code partition_by} is used only when the consumer creates the table. {@code error_policy}
 * overrides the action of single ClickHouse error codes (README "Error policy").
 *
 * <p>Cluster mode (README "Production: ClickHouse cluster"): {@code cluster} (null = one
 * server) names a cluster of the servers' {@code remote_servers}; DDL then runs
 * {@code ON CLUSTER} and the table is a {@code ReplicatedReplacingMergeTree}.
 * {@code distributed_table} (null = none; requires {@code cluster}) names a {@code Distributed}
 * table over it, in the same database, that receives the INSERTs and the audit's reads.
 */
public record ClickHouseSettings(
        List<URI> urls,
        String username,
        Secret password,
        String database,
        String tableName,
        Compression compression,
        String partitionBy,
        Map<Integer, ClickHouseErrorAction> errorPolicy,
        String cluster,
        String distributedTable) {

    public static final String DEFAULT_URL = "http://localhost:8123";
    public static final String DEFAULT_DATABASE = "analytics";
    public static final String DEFAULT_TABLE = "queue_analytics";
    public static final String DEFAULT_PARTITION_BY = "(toYYYYMMDD(event_time), queue_id)";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ClickHouseSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("clickhouse.url: must name at least one server");
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(compression, "compression");
        requireIdentifier("clickhouse.database", database);
        requireIdentifier("clickhouse.table_name", tableName);
        if (partitionBy == null || partitionBy.isBlank()) {
            throw new IllegalArgumentException("clickhouse.partition_by: must not be empty");
        }
        errorPolicy = Map.copyOf(Objects.requireNonNull(errorPolicy, "errorPolicy"));
        for (Integer code : errorPolicy.keySet()) {
            if (code < 0) {
                throw new IllegalArgumentException("clickhouse.error_policy: a ClickHouse error code must not be negative (was " + code + ")");
            }
        }
        if (cluster != null) {
            requireIdentifier("clickhouse.cluster", cluster);
        }
        if (distributedTable != null) {
            requireIdentifier("clickhouse.distributed_table", distributedTable);
            if (cluster == null) {
                throw new IllegalArgumentException("clickhouse.distributed_table: requires clickhouse.cluster (the cluster "
                        + "the Distributed table spreads over); set clickhouse.cluster or remove distributed_table");
            }
            if (distributedTable.equals(tableName)) {
                throw new IllegalArgumentException("clickhouse.distributed_table: must differ from clickhouse.table_name ("
                        + "the replicated table it reads and writes), both are \"" + tableName + "\"");
            }
        }
    }

    /** Without cluster mode: one server (or independent replicas behind {@code url}). */
    public ClickHouseSettings(List<URI> urls, String username, Secret password, String database, String tableName,
                              Compression compression, String partitionBy, Map<Integer, ClickHouseErrorAction> errorPolicy) {
        this(urls, username, password, database, tableName, compression, partitionBy, errorPolicy, null, null);
    }

    /** Without error-policy overrides: every code gets the built-in action. */
    public ClickHouseSettings(List<URI> urls, String username, Secret password, String database, String tableName,
                              Compression compression, String partitionBy) {
        this(urls, username, password, database, tableName, compression, partitionBy, Map.of());
    }

    /** A copy in cluster mode: {@code cluster} (null = none) and {@code distributedTable} (null = none). */
    public ClickHouseSettings withCluster(String newCluster, String newDistributedTable) {
        return new ClickHouseSettings(urls, username, password, database, tableName, compression, partitionBy, errorPolicy,
                newCluster, newDistributedTable);
    }

    /** Whether DDL runs {@code ON CLUSTER} on replicated tables. */
    public boolean clustered() {
        return cluster != null;
    }

    /** {@code " ON CLUSTER name"}, or "" without a cluster: spliced after the object of a DDL statement. */
    public String onCluster() {
        return cluster == null ? "" : " ON CLUSTER " + cluster;
    }

    /** {@code database.distributed_table}, or null without one. */
    public String qualifiedDistributedTable() {
        return distributedTable == null ? null : database + "." + distributedTable;
    }

    /** The table INSERTs and reads of all rows go to: the Distributed table when set, else {@link #qualifiedTable()}. */
    public String writeTable() {
        return distributedTable == null ? qualifiedTable() : qualifiedDistributedTable();
    }

    /** {@code database.table}, safe to splice into SQL (both parts are validated identifiers). */
    public String qualifiedTable() {
        return database + "." + tableName;
    }

    private static void requireIdentifier(String key, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(key + ": must be a plain identifier (letters, digits, '_'; was \"" + value + "\")");
        }
    }

    static ClickHouseSettings read(ConfigSection s) {
        List<URI> urls = urls(s);
        String user = s.credential("username", "default");
        Secret password = s.secret("password");
        String database = s.string("database", DEFAULT_DATABASE);
        String table = s.string("table_name", DEFAULT_TABLE);
        Compression compression = s.enumValue("compression", Compression.LZ4, Compression::fromConfig, Compression.allowed());
        String partitionBy = s.string("partition_by", DEFAULT_PARTITION_BY);
        Map<Integer, ClickHouseErrorAction> errorPolicy = errorPolicy(s);
        String cluster = s.string("cluster", null);
        String distributedTable = s.string("distributed_table", null);
        return s.build(() -> new ClickHouseSettings(urls, user, password, database, table, compression, partitionBy,
                errorPolicy, cluster, distributedTable));
    }

    /** {@code {"241": "retry", "62": "dead-letter"}}: ClickHouse error code → action; every bad entry named by its key. */
    private static Map<Integer, ClickHouseErrorAction> errorPolicy(ConfigSection s) {
        Map<Integer, ClickHouseErrorAction> out = new TreeMap<>();
        s.stringMap("error_policy").forEach((key, value) -> {
            String entry = "error_policy." + key;
            Integer code = null;
            try {
                code = Integer.valueOf(key);
            } catch (NumberFormatException e) {
                s.error(entry, "the key must be a ClickHouse error code, a whole number such as 241 (was \"" + key + "\")");
            }
            if (code != null && code < 0) {
                s.error(entry, "a ClickHouse error code must not be negative");
                code = null;
            }
            ClickHouseErrorAction action = null;
            try {
                action = ClickHouseErrorAction.fromConfig(value);
            } catch (IllegalArgumentException e) {
                s.error(entry, "must be one of " + ClickHouseErrorAction.allowed() + " (was \"" + value + "\")");
            }
            if (code != null && action != null) {
                out.put(code, action);
            }
        });
        return out;
    }

    private static List<URI> urls(ConfigSection s) {
        List<String> texts = new ArrayList<>();
        if (s.isArray("url")) {
            texts.addAll(s.strings("url"));
        } else {
            for (String part : s.string("url", DEFAULT_URL).split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.trim());
                }
            }
        }
        List<URI> out = new ArrayList<>();
        for (String text : texts) {
            URI uri = s.parseUri("url", text, "http://localhost:8123");
            if (uri != null) {
                out.add(uri);
            }
        }
        if (out.isEmpty() && texts.isEmpty()) {
            s.error("url", "must name at least one server");
        }
        return out.isEmpty() ? List.of(URI.create(DEFAULT_URL)) : out;
    }
}
