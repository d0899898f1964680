package org.queueanalytics.sqlcompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.PartitionKeySplitter;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.consumer.clickhouse.testing.RandomRecords;
import org.queueanalytics.consumer.clickhouse.testing.StoredRows;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;
import org.queueanalytics.sqlcompat.chdb.ChDb;
import org.queueanalytics.sqlcompat.chdb.ChDbException;
import org.queueanalytics.sqlcompat.chdb.ChDbExtension;
import org.queueanalytics.sqlcompat.chdb.ChDbSchemaSql;
import org.queueanalytics.sqlcompat.chdb.ConsumerInserts;

/**
 * The consumer's INSERT bodies on current ClickHouse (26.7, chDB): the exact statements
 * {@link ValuesEncoder} renders, split as {@link PartitionKeySplitter} splits them, into the table
 * {@link SchemaManager} created — read back value-exact, record by record and field by field;
 * the engine's default {@code max_partitions_per_insert_block} refusing an unsplit body; FINAL and
 * argMax giving the newest fetch of each interval.
 */
@ExtendWith(ChDbExtension.class)
class ValuesOnCurrentClickHouseIT {
    /** The strings ClickHouseInsertIT stores on 18.16. */
    private static final List<String> ADVERSARIAL = List.of(
            "O'Brien", "'", "''", "\\", "\\'", "trailing backslash\\", "back\\slash", "\\N", "\\x41 stays literal",
            "a\\nb (backslash n)", "new\nline", "tab\there", "cr\rhere", "nul\0byte", "\u0001\u0008\u000b\u001b\u001f\u007f",
            "x'); DROP TABLE analytics.queue_analytics; --", "\"double\" `back` quotes", "emoji 🙂👩🏽‍💻", "日本語 Zürich ✓",
            "𝄞 ä € \u00a0nbsp", "(1, 2), ('a', 'b')", "  spaces  ", "%s %d {} ${x}", "é".repeat(3000),
            "lone high \uD83D surrogate", "lone low \uDE42 surrogate", "\uDE42\uD83D reversed pair", "");
    private static final Instant START = Instant.parse("2025-01-27T08:00:00Z");
    private static final Instant FETCHED = Instant.parse("2025-01-27T08:35:12.345Z");
    /** The last DateTime a 32-bit ClickHouse DateTime holds is 2106-02-07 06:28:15. */
    private static final long LAST_DATE_TIME = 4_294_967_295L;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final String database = "values_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);

    @Test
    void storesTheEncodersAdversarialCorpusValueExact(ChDb chdb) throws Exception {
        ClickHouseSettings settings = newTable(chdb, ClickHouseSettings.DEFAULT_PARTITION_BY);
        List<QueueIntervalRecord> corpus = corpus();

        int statements = ConsumerInserts.insert(chdb, settings, corpus);

        assertThat(statements).as("the corpus spans more than 100 (day, queue) partitions").isGreaterThan(1);
        assertSameRecords(StoredRows.read(chdb::query, settings.qualifiedTable(), ""), corpus.stream().map(r -> asStored(r)).toList());
    }

    @Test
    void refusesABodyOverMoreThan100PartitionsAndTakesTheConsumersSplit(ChDb chdb) throws Exception {
        ClickHouseSettings settings = newTable(chdb, ClickHouseSettings.DEFAULT_PARTITION_BY);
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int q = 0; q < 125; q++) {
            for (int day = 0; day < 2; day++) {
                batch.add(record("queue-" + q, "voice", START.plus(Duration.ofDays(day)), FETCHED));
            }
        }
        ValuesEncoder encoder = new ValuesEncoder(settings.qualifiedTable());

        assertThatThrownBy(() -> chdb.query(ConsumerInserts.bytes(encoder.encode(batch)), "TabSeparated"))
                .isInstanceOfSatisfying(ChDbException.class, e -> {
                    assertThat(e.code()).as("TOO_MANY_PARTS: %s", e.getMessage()).hasValue(252);
                    assertThat(e.getMessage()).contains("max_partitions_per_insert_block");
                });
        assertThat(chdb.query("SELECT count() FROM " + settings.qualifiedTable()).strip()).isEqualTo("0");

        // the split the consumer's Inserter makes: by the key SHOW CREATE TABLE names, as 26.7 writes it
        List<List<QueueIntervalRecord>> chunks = PartitionKeySplitter.forShowCreateTable(
                chdb.query("SHOW CREATE TABLE " + settings.qualifiedTable()), PartitionKeySplitter.DEFAULT_MAX_PARTITIONS).split(batch);
        assertThat(chunks).as("250 (day, queue) partitions").hasSize(3);
        for (List<QueueIntervalRecord> chunk : chunks) {
            chdb.query(ConsumerInserts.bytes(encoder.encode(chunk)), "TabSeparated");
        }
        assertSameRecords(StoredRows.read(chdb::query, settings.qualifiedTable(), ""), batch);

        ClickHouseSettings monthly = newTable(chdb, "toYYYYMM(event_time)");
        List<List<QueueIntervalRecord>> oneChunk = PartitionKeySplitter.forShowCreateTable(
                chdb.query("SHOW CREATE TABLE " + monthly.qualifiedTable()), PartitionKeySplitter.DEFAULT_MAX_PARTITIONS).split(batch);
        assertThat(oneChunk).as("one month: one INSERT").hasSize(1);
        chdb.query(ConsumerInserts.bytes(new ValuesEncoder(monthly.qualifiedTable()).encode(oneChunk.get(0))), "TabSeparated");
        assertSameRecords(StoredRows.read(chdb::query, monthly.qualifiedTable(), ""), batch);
    }

    @Test
    void finalAndArgMaxGiveTheNewestFetchOfEachInterval(ChDb chdb) throws Exception {
        ClickHouseSettings settings = newTable(chdb, ClickHouseSettings.DEFAULT_PARTITION_BY);
        QueueIntervalRecord first = record("05f1c285-queue", "voice", START, FETCHED);
        QueueIntervalRecord newest = first.toBuilder().offered(50).fetchedAt(FETCHED.plusSeconds(600)).build();
        QueueIntervalRecord stale = first.toBuilder().offered(7).fetchedAt(FETCHED.minusSeconds(600)).build();
        QueueIntervalRecord otherMedia = record("05f1c285-queue", "chat", START, FETCHED);
        ValuesEncoder encoder = new ValuesEncoder(settings.qualifiedTable());

        for (List<QueueIntervalRecord> batch : List.of(List.of(first, otherMedia), List.of(newest), List.of(stale), List.of(first))) {
            chdb.query(ConsumerInserts.bytes(encoder.encode(batch)), "TabSeparated"); // one part each: nothing merged yet
        }

        assertThat(StoredRows.read(chdb::query, settings.qualifiedTable(), "")).hasSize(5);
        assertThat(StoredRows.read(chdb::query, settings.qualifiedTable(), "FINAL")).containsExactlyInAnyOrder(newest, otherMedia);
        assertThat(chdb.query("SELECT media_type, argMax(offered, fetched_at), max(fetched_at) FROM " + settings.qualifiedTable()
                + " WHERE queue_id = '05f1c285-queue' GROUP BY queue_id, media_type, interval_start ORDER BY media_type"))
                .isEqualTo("chat\t42\t" + FETCHED.toEpochMilli() + "\nvoice\t50\t" + newest.fetchedAt().toEpochMilli() + "\n");
    }

    // --- the corpus ------------------------------------------------------------------------

    /**
     * Every adversarial string in every string column, the extremes of every type (0 and the
     * largest Int32, UInt64, the first and last DateTime, doubles from the smallest subnormal to
     * the largest, NULL service levels), and a random corpus as ValuesEncoderGoldenTest builds it
     * (controls, quotes, backslashes, non-Latin scripts, emoji, unpaired surrogates).
     */
    private static List<QueueIntervalRecord> corpus() {
        List<QueueIntervalRecord> rows = new ArrayList<>();
        for (int i = 0; i < ADVERSARIAL.size(); i++) {
            String s = ADVERSARIAL.get(i);
            rows.add(record(s + "#" + i, "m" + s, START.plusSeconds(1800L * i), FETCHED).toBuilder().queueName(s).granularity(s).build());
        }
        rows.add(extremes(Instant.EPOCH, Integer.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE, Instant.EPOCH));
        rows.add(extremes(Instant.ofEpochSecond(LAST_DATE_TIME - 1800 - 15), 0, 0, Double.MIN_NORMAL, -0.0,
                Instant.ofEpochMilli(253_402_300_799_999L)));
        rows.add(extremes(START, 1, 1, 0.1 + 0.2, 1.0 / 3, FETCHED).toBuilder().serviceLevelPct(null).slTarget(null)
                .serviceTarget(null).build());
        rows.add(extremes(START.plusSeconds(900), Integer.MAX_VALUE - 1, Long.MAX_VALUE - 1, 100.0, 0.0, FETCHED));
        Random random = new Random(42);
        String[] repeated = new String[64];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = RandomRecords.text(random, 1 + random.nextInt(40));
        }
        for (int i = 0; i < 3_000; i++) {
            rows.add(randomRecord(random, repeated, i));
        }
        return rows;
    }

    private static QueueIntervalRecord extremes(Instant start, long count, long millis, double pct, double target, Instant fetched) {
        return QueueIntervalRecord.builder().queueId("extreme-" + start.getEpochSecond()).queueName("extremes").mediaType("voice")
                .intervalStart(start).intervalEnd(start.plusSeconds(1800)).granularity("PT30M").fetchedAt(fetched)
                .offered(count).answered(count).abandoned(count).serviceLevelPct(pct).shortAbandoned(count).flowOuts(count)
                .overSla(count).slNumerator(count).slDenominator(count).slTarget(target).answerTimeMs(millis).waitTimeMs(millis)
                .talkTimeMs(millis).holdTimeMs(millis).acwTimeMs(millis).handleTimeMs(millis).handleCount(count)
                .transferred(count).abandonTimeMs(millis).maxWaitTimeMs(millis).talkCount(count).holdCount(count)
                .acwCount(count).alertTimeMs(millis).alertCount(count).notRespondingTimeMs(millis).notRespondingCount(count)
                .connected(count).acdTimeMs(millis).acdCount(count).consults(count).consultTransferred(count)
                .blindTransferred(count).outbound(count).errors(count).voicemailTimeMs(millis).voicemailCount(count)
                .serviceTarget(pct).build();
    }

    /** As ValuesEncoderGoldenTest's records, within a few days (partitions) and with distinct keys. */
    private static QueueIntervalRecord randomRecord(Random random, String[] repeated, int i) {
        Instant start = START.plusSeconds(900L * random.nextInt(4 * 24 * 3));
        String id = repeated[random.nextInt(repeated.length)];
        String name = random.nextInt(3) == 0 ? RandomRecords.text(random, random.nextInt(120)) : repeated[random.nextInt(repeated.length)];
        String media = "m" + i + (random.nextBoolean() ? "voice" : repeated[random.nextInt(8)]);
        QueueIntervalRecord.Builder b = QueueIntervalRecord.builder().queueId(id).queueName(name).mediaType(media)
                .intervalStart(start).intervalEnd(start.plusSeconds(900 * (1 + random.nextInt(4))))
                .granularity(random.nextBoolean() ? "PT15M" : RandomRecords.text(random, 5))
                .fetchedAt(Instant.ofEpochMilli(random.nextLong() & 0xFFFFFFFFFFFL));
        return RandomRecords.metrics(random, b).build();
    }

    private static QueueIntervalRecord record(String queueId, String mediaType, Instant start, Instant fetchedAt) {
        return extremes(start, 42, 456_000, 78.05, 0.8, fetchedAt).toBuilder().queueId(queueId).queueName("Customer Service")
                .mediaType(mediaType).answered(38).abandoned(3).build();
    }

    /** What the table holds for {@code r}: the encoder writes an unpaired surrogate as U+FFFD (SqlLiterals). */
    private static QueueIntervalRecord asStored(QueueIntervalRecord r) {
        return r.toBuilder().queueId(wellFormed(r.queueId())).queueName(wellFormed(r.queueName()))
                .mediaType(wellFormed(r.mediaType())).granularity(wellFormed(r.granularity())).build();
    }

    private static String wellFormed(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    // --- helpers ---------------------------------------------------------------------------

    private ClickHouseSettings newTable(ChDb chdb, String partitionBy) throws Exception {
        ClickHouseSettings settings = new ClickHouseSettings(List.of(java.net.URI.create("http://chdb.invalid:8123")), "default",
                Secret.of(""), database, "t_" + TABLES.incrementAndGet(), Compression.NONE, partitionBy);
        new SchemaManager(new ChDbSchemaSql(chdb), settings).ensureSchema();
        return settings;
    }

    /** Same records, any order, compared one by one (sorted first: AssertJ's any-order comparison is quadratic). */
    private static void assertSameRecords(List<QueueIntervalRecord> actual, List<QueueIntervalRecord> expected) {
        Comparator<QueueIntervalRecord> order = Comparator.comparing(QueueIntervalRecord::queueId)
                .thenComparing(QueueIntervalRecord::mediaType)
                .thenComparing(QueueIntervalRecord::intervalStart)
                .thenComparing(QueueIntervalRecord::fetchedAt);
        List<QueueIntervalRecord> a = new ArrayList<>(actual);
        List<QueueIntervalRecord> e = new ArrayList<>(expected);
        a.sort(order);
        e.sort(order);
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("record %d", i).isEqualTo(e.get(i));
        }
    }
}
