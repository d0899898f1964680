package org.queueanalytics.consumer.clickhouse.values;

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
public final class ValuesEncoder extends RowsEncoder<QueueIntervalRecord> {
    /** The texts every row repeats (queue ids and names, media types, granularity), already rendered. */
    private final StringLiteralCache texts = new StringLiteralCache(1024);
    /** {@code 'YYYY-MM-DD} of {@link #renderedDay}: a batch spans a few days, so dates are rendered rarely. */
    private final byte[] renderedDate = new byte[11];
    private long renderedDay = Long.MIN_VALUE;

    public ValuesEncoder(String qualifiedTable) {
        this(qualifiedTable, new ByteSink(64 * 1024, 64 * 1024 * 1024));
    }

    public ValuesEncoder(String qualifiedTable, ByteSink sink) {
        super(qualifiedTable, QueueAnalyticsTable.columnList(), sink);
    }

    /** Room for everything of a row except its four strings: 3 DateTimes, 37 integers, 3 doubles, separators. */
    private static final int FIXED_ROW_BYTES = 3 * SqlLiterals.MAX_DATE_TIME_BYTES + 37 * SqlLiterals.MAX_LONG_BYTES
            + 3 * SqlLiterals.MAX_DOUBLE_BYTES + QueueAnalyticsTable.COLUMNS.size() + 3;
    private static final byte[] NULL = {'N', 'U', 'L', 'L'};

    /** Reserves room for the whole row once, then writes its values straight into the array. */
    @Override
    protected void writeRow(QueueIntervalRecord r) {
        String queueId = required(r.queueId(), "queue_id");
        String queueName = required(r.queueName(), "queue_name");
        String mediaType = required(r.mediaType(), "media_type");
        String granularity = required(r.granularity(), "granularity");
        long start = required(r.intervalStart(), "interval_start").getEpochSecond();
        long end = required(r.intervalEnd(), "interval_end").getEpochSecond();
        long fetchedAt = required(r.fetchedAt(), "fetched_at").toEpochMilli();
        Double pct = finiteOrNull(r.serviceLevelPct(), "service_level_pct");
        Double target = finiteOrNull(r.slTarget(), "sl_target");
        Double serviceTarget = finiteOrNull(r.serviceTarget(), "service_target");

        int first = sink.reserve(FIXED_ROW_BYTES + SqlLiterals.maxStringBytes(queueId) + SqlLiterals.maxStringBytes(queueName)
                + SqlLiterals.maxStringBytes(mediaType) + SqlLiterals.maxStringBytes(granularity));
        byte[] b = sink.array();
        int p = first;
        b[p++] = '(';
        int eventTime = p;
        p = putDateTime(b, p, start); // event_time = interval_start
        b[p++] = ',';
        p = texts.putString(b, p, queueId);
        b[p++] = ',';
        p = texts.putString(b, p, queueName);
        b[p++] = ',';
        p = texts.putString(b, p, mediaType);
        b[p++] = ',';
        System.arraycopy(b, eventTime, b, p, SqlLiterals.MAX_DATE_TIME_BYTES); // interval_start: the same literal
        p += SqlLiterals.MAX_DATE_TIME_BYTES;
        b[p++] = ',';
        p = putDateTime(b, p, end);
        b[p++] = ',';
        p = texts.putString(b, p, granularity);
        p = number(b, p, r.offered());
        p = number(b, p, r.answered());
        p = number(b, p, r.abandoned());
        p = nullableDouble(b, p, pct);
        p = number(b, p, r.shortAbandoned());
        p = number(b, p, r.flowOuts());
        p = number(b, p, r.overSla());
        p = number(b, p, r.slNumerator());
        p = number(b, p, r.slDenominator());
        p = nullableDouble(b, p, target);
        p = number(b, p, r.answerTimeMs());
        p = number(b, p, r.waitTimeMs());
        p = number(b, p, r.talkTimeMs());
        p = number(b, p, r.holdTimeMs());
        p = number(b, p, r.acwTimeMs());
        p = number(b, p, r.handleTimeMs());
        p = number(b, p, r.handleCount());
        p = number(b, p, r.transferred());
        p = number(b, p, r.abandonTimeMs());
        p = number(b, p, r.maxWaitTimeMs());
        p = number(b, p, r.talkCount());
        p = number(b, p, r.holdCount());
        p = number(b, p, r.acwCount());
        p = number(b, p, r.alertTimeMs());
        p = number(b, p, r.alertCount());
        p = number(b, p, r.notRespondingTimeMs());
        p = number(b, p, r.notRespondingCount());
        p = number(b, p, r.connected());
        p = number(b, p, r.acdTimeMs());
        p = number(b, p, r.acdCount());
        p = number(b, p, r.consults());
        p = number(b, p, r.consultTransferred());
        p = number(b, p, r.blindTransferred());
        p = number(b, p, r.outbound());
        p = number(b, p, r.errors());
        p = number(b, p, r.voicemailTimeMs());
        p = number(b, p, r.voicemailCount());
        p = nullableDouble(b, p, serviceTarget);
        p = number(b, p, fetchedAt);
        b[p++] = ')';
        sink.advance(p - first);
    }

    /** As {@link SqlLiterals#putDateTime}, with the date part copied while the day stays the same. */
    private int putDateTime(byte[] b, int p, long epochSecond) {
        long day = Math.floorDiv(epochSecond, SqlLiterals.SECONDS_PER_DAY);
        if (day != renderedDay) {
            SqlLiterals.putDate(renderedDate, 0, day, epochSecond);
            renderedDay = day;
        }
        System.arraycopy(renderedDate, 0, b, p, renderedDate.length);
        return SqlLiterals.putTimeOfDay(b, p, Math.floorMod(epochSecond, SqlLiterals.SECONDS_PER_DAY));
    }

    /** A separator, then the number. */
    private static int number(byte[] b, int p, long value) {
        b[p] = ',';
        return SqlLiterals.putLong(b, p + 1, value);
    }

    /** A separator, then the number or {@code NULL}. */
    private static int nullableDouble(byte[] b, int p, Double value) {
        b[p++] = ',';
        if (value == null) {
            System.arraycopy(NULL, 0, b, p, NULL.length);
            return p + NULL.length;
        }
        return SqlLiterals.putDouble(b, p, value);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return value;
    }

    private static Double finiteOrNull(Double value, String field) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": not a finite number (" + value + ")");
        }
        return value;
    }
}
