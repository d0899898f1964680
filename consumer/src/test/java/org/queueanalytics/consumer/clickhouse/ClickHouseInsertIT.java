package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Encoding;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Framer;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.consumer.clickhouse.schema.SchemaMismatchException;
import org.queueanalytics.consumer.clickhouse.testing.Records;
import org.queueanalytics.consumer.clickhouse.testing.StoredRows;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;

/**
 * The ClickHouse side of the consumer against a real server (18.16 in CI; current releases
 * through the Docker stack): schema, every compression mode, adversarial strings byte for
 * byte, native blocks of many sizes, FINAL dedupe, schema and data errors.
 * Each run works in its own database, dropped at the end.
 */
@ExtendWith(RealServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseInsertIT {
    private static final List<String> ADVERSARIAL = List.of(
            "O'Brien", "'", "''", "\\", "\\'", "trailing backslash\\", "back\\slash", "\\N", "\\x41 stays literal",
            "a\\nb (backslash n)", "new\nline", "tab\there", "cr\rhere", "nul\0byte", "\u0001\u0008\u000b\u001b\u001f\u007f",
            "x'); DROP TABLE analytics.queue_analytics; --", "\"double\" `back` quotes", "emoji 🙂👩🏽‍💻", "日本語 Zürich ✓",
            "𝄞 ä € \u00a0nbsp", "(1, 2), ('a', 'b')", "  spaces  ", "%s %d {} ${x}", "é".repeat(3000));

    private final RealServers servers;
    private final String database = "it_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
    private final AtomicInteger tables = new AtomicInteger();
    private final ClickHouseClient admin;

    ClickHouseInsertIT(RealServers servers) {
        this.servers = servers;
        this.admin = new ClickHouseClient(settings("unused", Compression.NONE));
    }

    @AfterAll
    void dropTheTestDatabase() throws Exception {
        admin.execute("DROP DATABASE IF EXISTS " + database);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "GZIP", "NONE"})
    void storesAdversarialStringsByteForByteWithEveryPortableCompression(Compression compression) throws Exception {
        ClickHouseSettings settings = newTable(compression);
        List<QueueIntervalRecord> batch = adversarialBatch();

        InsertResult result = new Inserter(new ClickHouseClient(settings), settings).insert(batch);

        assertThat(result.rows()).isEqualTo(batch.size());
        assertSameRows(readBack(settings), batch);
    }

    @Test
    void usesLz4FramesOnlyWhereTheServerHasThem() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4_FRAME);
        List<QueueIntervalRecord> batch = adversarialBatch();
        Inserter inserter = new Inserter(new ClickHouseClient(settings), settings);

        if (serverAtLeast(21, 10)) {
            inserter.insert(batch);
            assertSameRows(readBack(settings), batch);
        } else {
            assertThatThrownBy(() -> inserter.insert(batch))
                    .isInstanceOfSatisfying(HaltClickHouseException.class, e -> {
                        assertThat(e.code()).hasValue(89);
                        assertThat(e.isRetryable()).isFalse();
                    });
        }
    }

    @Test
    void roundTripsDoublesExactly() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4);
        Random random = new Random(5);
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            // What Genesys produces (100 x numerator / denominator), every hundredth, and arbitrary doubles:
            // ClickHouse 18.16 reads the shortest representation of ~0.5 % of these one ulp off.
            int denominator = 1 + random.nextInt(500);
            double pct = switch (i % 4) {
                case 0 -> random.nextDouble() * 100;
                case 1 -> (i / 4 % 10_001) / 100.0;
                case 2 -> 100.0 * (random.nextInt(denominator + 1) / (double) denominator);
                default -> i % 8 == 3 ? 0.0 : 100.0;
            };
            // few queues (partitions), distinct media types (keys): 30,000 partitions would mean 30,000 parts
            batch.add(withDoubles(Records.record("q" + i % 10, "n", "m" + i, Records.START, Records.FETCHED), pct, random.nextDouble()));
        }
        new Inserter(new ClickHouseClient(settings), settings).insert(batch);
        assertSameRows(readBack(settings), batch);
    }

    @Test
    void insertsBodiesLargerThanOneMebibyteInSeveralBlocks() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4);
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            batch.add(Records.record("queue-" + (i % 40), ADVERSARIAL.get(i % ADVERSARIAL.size()) + i, "media-" + i,
                    Records.START.plusSeconds(1800L * (i % 96)), Records.FETCHED));
        }
        InsertResult result = new Inserter(new ClickHouseClient(settings), settings).insert(batch);

        assertThat(result.sqlBytes()).isGreaterThan(3L * NativeLz4Framer.DEFAULT_BLOCK_SIZE);
        assertThat(result.statements()).isEqualTo(2); // 40 queues x 3 days (08:00 + 48 h) = 120 partitions
        assertSameRows(readBack(settings), batch);
    }

    /**
     * The server checks every block's CityHash128: the same statement, full of multi-byte UTF-8
     * (bytes ≥ 0x80), framed with every block size from 1 to 300 bytes, so the checksummed
     * lengths cover every short-input path and every tail of the 128-byte loop, and values
     * straddle block boundaries.
     */
    @Test
    void acceptsNativeBlocksOfEverySizeUpTo300Bytes() throws Exception {
        ClickHouseSettings settings = settings("blocks_" + tables.incrementAndGet(), Compression.LZ4);
        admin.execute("CREATE DATABASE IF NOT EXISTS " + database);
        admin.execute("CREATE TABLE " + settings.qualifiedTable() + " (block_size UInt32, s String) ENGINE = Log");
        ClickHouseClient client = new ClickHouseClient(settings);
        String value = "ÿþ€🙂 " + "ñ".repeat(150) + "\u0080\u07ff\uffff" + "\u00ff".repeat(40);
        for (int blockSize = 1; blockSize <= 300; blockSize++) {
            byte[] sql = ("INSERT INTO " + settings.qualifiedTable() + " VALUES (" + blockSize + ", '" + value + "')")
                    .getBytes(StandardCharsets.UTF_8);
            NativeLz4Encoding encoding = new NativeLz4Encoding(new NativeLz4Framer(blockSize, new ByteSink(1024, 1 << 20)));
            client.insert(encoding.encode(sql, 0, sql.length));
        }
        String rows = admin.query("SELECT count(), uniqExact(block_size), countIf(hex(s) = '"
                + HexFormat.of().withUpperCase().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "') FROM " + settings.qualifiedTable());
        assertThat(rows.strip()).isEqualTo("300\t300\t300");
    }

    @Test
    void finalKeepsOnlyTheNewestFetchOfEachInterval() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4);
        Inserter inserter = new Inserter(new ClickHouseClient(settings), settings);
        QueueIntervalRecord first = Records.example();
        QueueIntervalRecord newest = Records.refetched(first, 50, Records.FETCHED.plusSeconds(600));
        QueueIntervalRecord stale = Records.refetched(first, 7, Records.FETCHED.minusSeconds(600));
        QueueIntervalRecord otherMedia = Records.record(first.queueId(), first.queueName(), "chat", Records.START, Records.FETCHED);

        inserter.insert(List.of(first, otherMedia));
        inserter.insert(List.of(newest));
        inserter.insert(List.of(stale)); // a replay of an old fetch arriving last
        inserter.insert(List.of(first)); // a retry of the first batch

        assertThat(readBack(settings, "FINAL")).containsExactlyInAnyOrder(newest, otherMedia);
    }

    @Test
    void splitsBatchesThatTouchMoreThan100Partitions() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4);
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int q = 0; q < 125; q++) {
            for (int day = 0; day < 2; day++) {
                batch.add(Records.record("queue-" + q, "n", "voice", Records.START.plus(Duration.ofDays(day)), Records.FETCHED));
            }
        }
        InsertResult result = new Inserter(new ClickHouseClient(settings), settings).insert(batch);

        assertThat(result.statements()).isEqualTo(3);
        assertSameRows(readBack(settings), batch);
    }

    @Test
    void splitsByTheKeyTheTableReallyHasNotTheConfiguredOne() throws Exception {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int q = 0; q < 125; q++) {
            for (int day = 0; day < 2; day++) {
                batch.add(Records.record("queue-" + q, "n", "voice", Records.START.plus(Duration.ofDays(day)), Records.FETCHED));
            }
        }
        ClickHouseSettings monthly = withPartitionBy(settings("t_monthly_" + tables.incrementAndGet(), Compression.LZ4),
                "toYYYYMM(event_time)");
        new SchemaManager(new ClickHouseClient(monthly), monthly).ensureSchema();
        assertThat(new Inserter(new ClickHouseClient(monthly), monthly).insert(batch).statements()).isEqualTo(1);
        assertSameRows(readBack(monthly), batch);

        // A table created with the default key, while the configuration now says monthly: still ≤ 100 per INSERT.
        ClickHouseSettings daily = newTable(Compression.LZ4);
        ClickHouseSettings reconfigured = withPartitionBy(daily, "toYYYYMM(event_time)");
        assertThat(new Inserter(new ClickHouseClient(reconfigured), reconfigured).insert(batch).statements()).isEqualTo(3);
        assertSameRows(readBack(daily), batch);
    }

    private static ClickHouseSettings withPartitionBy(ClickHouseSettings s, String partitionBy) {
        return new ClickHouseSettings(s.urls(), s.username(), s.password(), s.database(), s.tableName(), s.compression(), partitionBy);
    }

    @Test
    void schemaManagerIsIdempotent() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4);
        SchemaManager schema = new SchemaManager(new ClickHouseClient(settings), settings);
        schema.ensureSchema();
        schema.ensureSchema();
        String ddl = admin.query("SHOW CREATE TABLE " + settings.qualifiedTable());
        assertThat(ddl).contains("ReplacingMergeTree(fetched_at)", "PARTITION BY (toYYYYMMDD(event_time), queue_id)",
                "ORDER BY (event_time, queue_id, media_type, interval_start)");
    }

    @Test
    void schemaCheckNamesTheColumnsAnExistingTableLacks() throws Exception {
        ClickHouseSettings settings = settings("partial_" + tables.incrementAndGet(), Compression.LZ4);
        admin.execute("CREATE DATABASE IF NOT EXISTS " + database);
        admin.execute("CREATE TABLE " + settings.qualifiedTable() + " (event_time DateTime, queue_id String, media_type String, "
                + "interval_start DateTime, offered Int16, fetched_at UInt64) ENGINE = ReplacingMergeTree(fetched_at) "
                + "PARTITION BY toYYYYMM(event_time) ORDER BY (event_time, queue_id, media_type, interval_start)");

        assertThatThrownBy(() -> new SchemaManager(new ClickHouseClient(settings), settings).ensureSchema())
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.missingColumns()).contains("queue_name", "granularity", "transferred").doesNotContain("queue_id");
                    assertThat(e.incompatibleColumns()).containsExactly("offered: expected Int32, found Int16");
                    assertThat(e.getMessage()).contains(settings.qualifiedTable(), "queue_name", "transferred");
                });
    }

    @Test
    void schemaCheckRefusesDateTimeColumnsThatReadTimesOutsideUtc() throws Exception {
        ClickHouseSettings settings = settings("kolkata_" + tables.incrementAndGet(), Compression.LZ4);
        admin.execute("CREATE DATABASE IF NOT EXISTS " + database);
        StringBuilder columns = new StringBuilder();
        for (var c : org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable.COLUMNS) {
            columns.append(columns.length() == 0 ? "" : ", ").append(c.name()).append(' ')
                    .append(c.name().equals("interval_end") ? "DateTime('Asia/Kolkata')" : c.type());
        }
        admin.execute("CREATE TABLE " + settings.qualifiedTable() + " (" + columns + ") ENGINE = ReplacingMergeTree(fetched_at) "
                + "PARTITION BY toYYYYMM(event_time) ORDER BY (event_time, queue_id, media_type, interval_start)");

        assertThatThrownBy(() -> new SchemaManager(new ClickHouseClient(settings), settings).verify())
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                    assertThat(e.missingColumns()).isEmpty();
                    assertThat(e.incompatibleColumns()).singleElement().asString().startsWith("interval_end: ").contains("Asia/Kolkata");
                });
    }

    @Test
    void classifiesRowsTheTableCannotTakeAsADataError() throws Exception {
        ClickHouseSettings settings = settings("wrong_types_" + tables.incrementAndGet(), Compression.LZ4);
        admin.execute("CREATE DATABASE IF NOT EXISTS " + database);
        StringBuilder columns = new StringBuilder();
        for (var c : org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable.COLUMNS) {
            columns.append(columns.length() == 0 ? "" : ", ").append(c.name()).append(' ')
                    .append(c.name().equals("queue_name") ? "Int32" : c.type());
        }
        admin.execute("CREATE TABLE " + settings.qualifiedTable() + " (" + columns + ") ENGINE = MergeTree "
                + "PARTITION BY toYYYYMM(event_time) ORDER BY (event_time, queue_id)");

        assertThatThrownBy(() -> new Inserter(new ClickHouseClient(settings), settings).insert(List.of(Records.example())))
                .isInstanceOfSatisfying(DataClickHouseException.class, e -> {
                    assertThat(e.code()).isPresent();
                    assertThat(e.httpStatus()).isGreaterThanOrEqualTo(400);
                });
    }

    @Test
    void reportsAWrongPasswordAsAHaltWithoutLeakingIt() {
        ClickHouseSettings wrong = new ClickHouseSettings(List.of(servers.clickHouseUrl()), servers.clickHouseUsername(),
                Secret.of("not-the-password-x9"), database, "t", Compression.LZ4, ClickHouseSettings.DEFAULT_PARTITION_BY);
        assertThatThrownBy(() -> new ClickHouseClient(wrong).query("SELECT 1"))
                .isInstanceOfSatisfying(HaltClickHouseException.class, e -> {
                    assertThat(e.code()).hasValue(193);
                    assertThat(e.getMessage()).doesNotContain("not-the-password-x9");
                });
    }

    @Test
    void haltsOnAMissingTable() {
        ClickHouseSettings settings = settings("never_created", Compression.GZIP);
        assertThatThrownBy(() -> new Inserter(new ClickHouseClient(settings), settings).insert(List.of(Records.example())))
                .isInstanceOfSatisfying(HaltClickHouseException.class, e -> assertThat(e.code()).isPresent());
    }

    @Test
    void failsOverToTheNextUrlWhenTheFirstDoesNotAnswer() throws Exception {
        ClickHouseSettings settings = newTable(Compression.LZ4);
        ClickHouseSettings withDeadReplica = new ClickHouseSettings(
                List.of(java.net.URI.create("http://127.0.0.1:1"), servers.clickHouseUrl()), settings.username(),
                settings.password(), settings.database(), settings.tableName(), settings.compression(), settings.partitionBy());
        ClickHouseClient client = new ClickHouseClient(withDeadReplica);

        new Inserter(client, withDeadReplica).insert(List.of(Records.example()));
        assertThat(client.query("SELECT count() FROM " + settings.qualifiedTable()).strip()).isEqualTo("1");
    }

    // --- helpers -------------------------------------------------------------------------

    private ClickHouseSettings settings(String table, Compression compression) {
        return new ClickHouseSettings(List.of(servers.clickHouseUrl()), servers.clickHouseUsername(),
                Secret.of(servers.clickHousePassword()), database, table, compression, ClickHouseSettings.DEFAULT_PARTITION_BY);
    }

    /** A fresh table of the design, created through the SchemaManager. */
    private ClickHouseSettings newTable(Compression compression) throws Exception {
        ClickHouseSettings settings = settings("t_" + compression.name().toLowerCase(Locale.ROOT) + "_" + tables.incrementAndGet(),
                compression);
        new SchemaManager(new ClickHouseClient(settings), settings).ensureSchema();
        return settings;
    }

    private boolean serverAtLeast(int major, int minor) throws Exception {
        String[] parts = admin.query("SELECT version()").strip().split("\\.");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    private static List<QueueIntervalRecord> adversarialBatch() {
        List<QueueIntervalRecord> batch = new ArrayList<>();
        for (int i = 0; i < ADVERSARIAL.size(); i++) {
            String s = ADVERSARIAL.get(i);
            batch.add(Records.record(s + "#" + i, s, "m" + s, Records.START.plusSeconds(1800L * i), Records.FETCHED));
        }
        return batch;
    }

    private static QueueIntervalRecord withDoubles(QueueIntervalRecord r, Double pct, Double target) {
        return r.toBuilder().serviceLevelPct(pct).slTarget(target).build();
    }

    private List<QueueIntervalRecord> readBack(ClickHouseSettings settings) throws Exception {
        return readBack(settings, "");
    }

    private List<QueueIntervalRecord> readBack(ClickHouseSettings settings, String modifier) throws Exception {
        return StoredRows.read(admin, settings.qualifiedTable(), modifier);
    }

    /** Same rows, any order (sorted first: AssertJ's any-order comparison is quadratic). */
    private static void assertSameRows(List<QueueIntervalRecord> actual, List<QueueIntervalRecord> expected) {
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
            assertThat(a.get(i)).as("row %d", i).isEqualTo(e.get(i));
        }
    }


}
