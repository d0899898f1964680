package org.queueanalytics.consumer.clickhouse.values;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;

/**
 * Renders a batch of records as one {@code INSERT INTO db.table (columns) VALUES (…),(…)}
 * statement, UTF-8, plain literals only (expressions in large VALUES bodies misbehave on
 * 18.16). Values follow {@link QueueAnalyticsTable#COLUMNS} order.
 *
 * <p>Expects records that passed {@code RecordValidator}: a null string or instant, or a
 * non-finite double, is rejected with {@link IllegalArgumentException} naming the field,
 * rather than rendered as something the server would store silently.
 *
 * <p>Not thread-safe: it writes into one reusable {@link ByteSink}; the returned sink is
 * valid until the next {@link #encode} call. Use one encoder per thread.
 */
public final class ValuesEncoder {
    private final byte[] prefix;
    private final ByteSink sink;

    public ValuesEncoder(String qualifiedTable) {
        this(qualifiedTable, new ByteSink(64 * 1024, 64 * 1024 * 1024));
    }

    public ValuesEncoder(String qualifiedTable, ByteSink sink) {
        this.prefix = ("INSERT INTO " + qualifiedTable + " " + QueueAnalyticsTable.columnList() + " VALUES ")
                .getBytes(StandardCharsets.UTF_8);
        this.sink = sink;
    }

    /** The statement for {@code rows} (which must not be empty): {@code sink.array()[0, sink.length())}. */
    public ByteSink encode(List<QueueIntervalRecord> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("ValuesEncoder: an INSERT needs at least one row");
        }
        sink.reset();
        sink.write(prefix, 0, prefix.length);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeRow(rows.get(i));
        }
        return sink;
    }

    private void writeRow(QueueIntervalRecord r) {
        ByteSink s = sink;
        s.write('(');
        dateTime(s, r.intervalStart(), "interval_start"); // event_time
        s.write(',');
        string(s, r.queueId(), "queue_id");
        s.write(',');
        string(s, r.queueName(), "queue_name");
        s.write(',');
        string(s, r.mediaType(), "media_type");
        s.write(',');
        dateTime(s, r.intervalStart(), "interval_start");
        s.write(',');
        dateTime(s, r.intervalEnd(), "interval_end");
        s.write(',');
        string(s, r.granularity(), "granularity");
        s.write(',');
        number(s, r.offered());
        number(s, r.answered());
        number(s, r.abandoned());
        real(s, r.serviceLevelPct(), "service_level_pct");
        number(s, r.shortAbandoned());
        number(s, r.flowOuts());
        number(s, r.overSla());
        number(s, r.slNumerator());
        number(s, r.slDenominator());
        real(s, r.slTarget(), "sl_target");
        number(s, r.answerTimeMs());
        number(s, r.waitTimeMs());
        number(s, r.talkTimeMs());
        number(s, r.holdTimeMs());
        number(s, r.acwTimeMs());
        number(s, r.handleTimeMs());
        number(s, r.handleCount());
        number(s, r.transferred());
        if (r.fetchedAt() == null) {
            throw new IllegalArgumentException("fetched_at: missing");
        }
        SqlLiterals.writeLong(s, r.fetchedAt().toEpochMilli());
        s.write(')');
    }

    /** A number followed by the separator (every number column has a successor). */
    private static void number(ByteSink s, long value) {
        SqlLiterals.writeLong(s, value);
        s.write(',');
    }

    private static void real(ByteSink s, double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": not a finite number (" + value + ")");
        }
        SqlLiterals.writeDouble(s, value);
        s.write(',');
    }

    private static void string(ByteSink s, String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        SqlLiterals.writeString(s, value);
    }

    private static void dateTime(ByteSink s, Instant value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        SqlLiterals.writeDateTime(s, value.getEpochSecond());
    }
}
