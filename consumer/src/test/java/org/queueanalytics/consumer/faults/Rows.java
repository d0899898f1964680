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
        return QueueIntervalRecord.builder().queueId("q-" + (i % 40)).queueName(name).mediaType("voice")
                .intervalStart(start).intervalEnd(start.plus(Duration.ofMinutes(15))).granularity("PT15M")
                .fetchedAt(Instant.ofEpochMilli(version)).offered(i % 100).answered(i % 90).abandoned(i % 7)
                .serviceLevelPct(50.0).overSla(1).slNumerator(2).slDenominator(3).slTarget(0.8).answerTimeMs(i)
                .waitTimeMs(2L * i).talkTimeMs(3).holdTimeMs(4).acwTimeMs(5).handleTimeMs(6).handleCount(7)
                .transferred(8).build();
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
