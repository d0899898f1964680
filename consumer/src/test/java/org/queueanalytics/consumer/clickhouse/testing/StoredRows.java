package org.queueanalytics.consumer.clickhouse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.schema.Column;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;

/**
 * Reads a table's rows back as records, through their JSON form (the column names are the
 * record's field names): strings as hex of their bytes (no escaping in the way), NULL as null,
 * so a test compares what ClickHouse stored with what was sent, field by field.
 */
public final class StoredRows {
    private StoredRows() {
    }

    /** Runs one SELECT and returns its TabSeparated answer: a server over HTTP, or an engine in process. */
    @FunctionalInterface
    public interface Query {
        String run(String sql) throws Exception;
    }

    /** Every row of {@code table} ({@code modifier}: "" or "FINAL", then optionally a WHERE clause). */
    public static List<QueueIntervalRecord> read(ClickHouseClient client, String table, String modifier) throws Exception {
        return read(client::query, table, modifier);
    }

    /** As {@link #read(ClickHouseClient, String, String)}, through any {@link Query}. */
    public static List<QueueIntervalRecord> read(Query query, String table, String modifier) throws Exception {
        List<Column> columns = QueueAnalyticsTable.COLUMNS;
        String select = columns.stream().map(c -> switch (c.type()) {
            case "String" -> "hex(" + c.name() + ")";
            case "DateTime" -> "toUnixTimestamp(" + c.name() + ")";
            default -> c.name();
        }).collect(Collectors.joining(", "));
        String tsv = query.run("SELECT " + select + " FROM " + table + " " + modifier + " FORMAT TabSeparated");
        List<QueueIntervalRecord> rows = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(row(columns, line.split("\t", -1)));
            }
        }
        return rows;
    }

    private static QueueIntervalRecord row(List<Column> columns, String[] f) throws Exception {
        if (f.length != columns.size()) {
            throw new AssertionError("expected " + columns.size() + " columns, read " + f.length + ": " + String.join("\t", f));
        }
        ObjectNode json = RecordJson.mapper().createObjectNode().put("schema_version", QueueIntervalRecord.SCHEMA_VERSION);
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (f[i].equals("\\N")) {
                json.putNull(c.name());
            } else if (c.name().equals(QueueAnalyticsTable.VERSION_COLUMN)) {
                json.put(c.name(), Instant.ofEpochMilli(Long.parseLong(f[i])).toString());
            } else if (c.type().equals("String")) {
                json.put(c.name(), new String(HexFormat.of().parseHex(f[i].toLowerCase(Locale.ROOT)), StandardCharsets.UTF_8));
            } else if (c.type().equals("DateTime")) {
                json.put(c.name(), Instant.ofEpochSecond(Long.parseLong(f[i])).toString());
            } else if (c.type().contains("Float64")) {
                json.put(c.name(), Double.parseDouble(f[i]));
            } else {
                json.put(c.name(), Long.parseLong(f[i]));
            }
        }
        if (!json.get("event_time").equals(json.get("interval_start"))) {
            throw new AssertionError("event_time " + json.get("event_time") + " differs from interval_start " + json.get("interval_start"));
        }
        return RecordJson.fromBytes(RecordJson.mapper().writeValueAsBytes(json));
    }
}
