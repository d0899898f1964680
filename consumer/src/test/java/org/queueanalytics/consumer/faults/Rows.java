package org.queueanalytics.consumer.faults;

import java.time.Duration;
import java.time.Instant;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.testsupport.TestConfig;

/** Test records with unique keys, and the ClickHouse counts the fault tests check. */
final class Rows {
    private static final Instant BASE = Instant.parse("2025-03-03T00:00:00Z");

    private Rows() {
    }

    /** Record {@code i}: unique (queue, interval) per i; 40 queues, 15-minute intervals; {@code version} = fetched_at. */
    static QueueIntervalRecord row(int i, String name, long version) {
        Instant start = BASE.plus(Duration.ofMinutes(15L * (i / 40)));
        return new QueueIntervalRecord(1, "q-" + (i % 40), name, "voice", start, start.plus(Duration.ofMinutes(15)), "PT15M",
                Instant.ofEpochMilli(version), i % 100, i % 90, i % 7, 50.0, 0, 0, 1, 2, 3, 0.8, i, 2L * i, 3, 4, 5, 6, 7, 8);
    }

    static long finalCount(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM " + table(cfg) + " FINAL").trim());
    }

    static long rawCount(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM " + table(cfg)).trim());
    }

    /** Keys that FINAL still shows more than once (must be 0). */
    static long duplicateKeysThroughFinal(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return Long.parseLong(ch.query("SELECT count() FROM (SELECT event_time, queue_id, media_type, interval_start, count() AS c FROM "
                + table(cfg) + " FINAL GROUP BY event_time, queue_id, media_type, interval_start HAVING c > 1)").trim());
    }

    static String table(TestConfig cfg) {
        return cfg.database() + "." + cfg.table();
    }
}
