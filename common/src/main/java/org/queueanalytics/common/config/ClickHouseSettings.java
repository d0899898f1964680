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
 */
public record ClickHouseSettings(
        List<URI> urls,
        String username,
        Secret password,
        String database,
        String tableName,
        Compression compression,
        String partitionBy,
        Map<Integer, ClickHouseErrorAction> errorPolicy) {

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
    }

    /** Without error-policy overrides: every code gets the built-in action. */
    public ClickHouseSettings(List<URI> urls, String username, Secret password, String database, String tableName,
                              Compression compression, String partitionBy) {
        this(urls, username, password, database, tableName, compression, partitionBy, Map.of());
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
        return s.build(() -> new ClickHouseSettings(urls, user, password, database, table, compression, partitionBy,
                errorPolicy));
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
