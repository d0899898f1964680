package org.queueanalytics.consumer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.schema.Column;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;

/**
 * A record's values as the table stores them, column by column, in one canonical text form per
 * column type, so that a Kafka record and a table row can be compared field by field: DateTime
 * as whole epoch seconds, integers in decimal, Nullable(Float64) as the shortest
 * {@link Double#toString} or {@code \N}, strings as they are. {@code event_time} is the
 * interval start; every other column is the record field of the same name. The version column
 * {@code fetched_at} is compared on its own and left out of {@link #digest}.
 */
public final class ColumnValues {
    static final String NULL = "\\N";
    private static final String EVENT_TIME = "event_time";
    private static final List<Column> COMPARED = QueueAnalyticsTable.COLUMNS.stream()
            .filter(c -> !c.name().equals(QueueAnalyticsTable.VERSION_COLUMN)).toList();
    private static final Map<String, Method> ACCESSORS = accessors();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    });

    private ColumnValues() {
    }

    /** The compared columns, in table order (every column but {@code fetched_at}). */
    public static List<Column> compared() {
        return COMPARED;
    }

    /** A valid record's canonical values, one per {@link #compared()} column. */
    public static List<String> ofRecord(QueueIntervalRecord r) {
        List<String> out = new ArrayList<>(COMPARED.size());
        for (Column c : COMPARED) {
            Object value = c.name().equals(EVENT_TIME) ? r.intervalStart() : get(r, c.name());
            out.add(canonical(c, value));
        }
        return out;
    }

    /** A table row's canonical values; the row is a JSONEachRow object selected by {@link TableVersions}. */
    public static List<String> ofRow(JsonNode row) {
        List<String> out = new ArrayList<>(COMPARED.size());
        for (Column c : COMPARED) {
            JsonNode node = row.get(c.name());
            if (node == null) {
                throw new IllegalStateException("the table answered without column " + c.name());
            }
            out.add(canonical(c, node));
        }
        return out;
    }

    /** 128 bits of SHA-256 over the values: what the audit keeps per key instead of the values. */
    public static Digest digest(List<String> values) {
        MessageDigest md = SHA256.get();
        md.reset();
        for (String v : values) {
            md.update(v.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        byte[] h = md.digest();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (h[i] & 0xff);
            lo = (lo << 8) | (h[i + 8] & 0xff);
        }
        return new Digest(hi, lo);
    }

    /** A compact fingerprint of a row's values. */
    public record Digest(long hi, long lo) {
    }

    static String canonical(Column c, Object value) {
        if (value == null) {
            return NULL;
        }
        String type = c.type();
        if (type.equals("DateTime")) {
            return Long.toString(((Instant) value).getEpochSecond());
        }
        if (type.equals("String")) {
            return (String) value;
        }
        if (type.contains("Float")) {
            return Double.toString(((Number) value).doubleValue());
        }
        return Long.toString(((Number) value).longValue());
    }

    static String canonical(Column c, JsonNode node) {
        if (node.isNull()) {
            return NULL;
        }
        String type = c.type();
        if (type.equals("String")) {
            return node.asText();
        }
        if (type.contains("Float")) {
            return Double.toString(node.isTextual() ? Double.parseDouble(node.asText()) : node.doubleValue());
        }
        // DateTime is selected as toUnixTimestamp(…); 64-bit integers arrive quoted.
        return Long.toString(node.isTextual() ? Long.parseLong(node.asText()) : node.longValue());
    }

    private static Object get(QueueIntervalRecord r, String column) {
        Method m = ACCESSORS.get(column);
        try {
            return m.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + column + " of a record", e);
        }
    }

    private static Map<String, Method> accessors() {
        Map<String, Method> byField = new HashMap<>();
        for (RecordComponent rc : QueueIntervalRecord.class.getRecordComponents()) {
            byField.put(snakeCase(rc.getName()), rc.getAccessor());
        }
        Map<String, Method> out = new HashMap<>();
        for (Column c : COMPARED) {
            if (c.name().equals(EVENT_TIME)) {
                continue;
            }
            Method m = byField.get(c.name());
            if (m == null) {
                throw new IllegalStateException("column " + c.name() + " is no field of the Kafka record");
            }
            out.put(c.name(), m);
        }
        return out;
    }

    static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
