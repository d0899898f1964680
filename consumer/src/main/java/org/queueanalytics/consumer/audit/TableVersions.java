package org.queueanalytics.consumer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.schema.Column;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;

/**
 * Reads the table's newest row per key for one queue and one interval range at a time:
 * {@code SELECT … FINAL WHERE queue_id = … AND event_time BETWEEN …}. One query per queue keeps
 * each {@code FINAL} to that queue's partitions — on ClickHouse 18.16 a {@code FINAL} over a few
 * hundred (day, queue) partitions exceeded a 2 GB memory limit — and the time range (the
 * audited records' interval starts) prunes the days. Reads only; never writes.
 */
public final class TableVersions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECONDS_SUFFIX = "__s";

    private final ClickHouseClient client;
    private final String table;

    /** {@code table}: {@code database.table}. */
    public TableVersions(ClickHouseClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public Map<AuditKey, TableVersion> read(String queueId, Instant fromStart, Instant toStart)
            throws ClickHouseException, InterruptedException {
        String answer = client.query(sql(table, queueId, fromStart, toStart));
        Map<AuditKey, TableVersion> out = new HashMap<>();
        for (String line : answer.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = parse(line);
            AuditKey key = new AuditKey(row.get("media_type").asText(),
                    row.get("interval_start" + SECONDS_SUFFIX).asLong(), row.get("granularity").asText());
            long fetchedAt = Long.parseLong(row.get(QueueAnalyticsTable.VERSION_COLUMN).asText());
            out.put(key, new TableVersion(fetchedAt, ColumnValues.digest(ColumnValues.ofRow(unaliased(row)))));
        }
        return out;
    }

    static String sql(String table, String queueId, Instant fromStart, Instant toStart) {
        String columns = QueueAnalyticsTable.COLUMNS.stream().map(TableVersions::select).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + table + " FINAL WHERE queue_id = " + quote(queueId)
                + " AND event_time >= toDateTime(" + fromStart.getEpochSecond() + ")"
                + " AND event_time <= toDateTime(" + toStart.getEpochSecond() + ") FORMAT JSONEachRow";
    }

    /** DateTime columns as epoch seconds under another name (an alias named like the column would shadow it in WHERE). */
    private static String select(Column c) {
        return c.type().equals("DateTime") ? "toUnixTimestamp(" + c.name() + ") AS " + c.name() + SECONDS_SUFFIX : c.name();
    }

    private static JsonNode unaliased(JsonNode row) {
        var copy = row.deepCopy();
        if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (Column c : QueueAnalyticsTable.COLUMNS) {
                if (c.type().equals("DateTime")) {
                    o.set(c.name(), o.remove(c.name() + SECONDS_SUFFIX));
                }
            }
        }
        return copy;
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse answered a row that is not JSON: " + e.getMessage(), e);
        }
    }
}
