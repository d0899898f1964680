package org.queueanalytics.consumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.audit.Audit;
import org.queueanalytics.consumer.audit.AuditReport;
import org.queueanalytics.consumer.audit.TableVersions;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.validation.RecordValidator;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Cluster mode against the real topology of {@code scripts/cluster.sh} (ZooKeeper, ClickHouse
 * 18.16, 2 shards x 2 replicas): ON CLUSTER DDL, the Distributed table, and the two ClickHouse
 * failures of the production section — a replica SIGKILLed mid-stream, ZooKeeper stopped for
 * 30 s. Every test ends with {@code consumer audit} = 0 missing / 0 stale and FINAL exact.
 */
@ExtendWith(RealServersExtension.class)
class ClickHouseClusterIT {
    private static final int PARTITIONS = 3;
    private static ClickHouseCluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = ClickHouseCluster.fromEnvironment();
    }

    private static TestConfig config(RealServers servers) {
        TestConfig cfg = new TestConfig(servers).clickhouseUrl(cluster.urls()).clickhouseUsername("default")
                .clickhousePassword(ClickHouseCluster.password())
                .batch("{\"max_rows\":300,\"linger_ms\":50}")
                .retry("{\"max_retries\":2,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
        return cfg.clickhouseExtra("\"cluster\":\"" + cluster.name() + "\",\"distributed_table\":\"" + cfg.table() + "_all\"");
    }

    private static String distributed(TestConfig cfg) {
        return cfg.database() + "." + cfg.table() + "_all";
    }

    private static ConsumerService start(TestConfig cfg, Path dir) throws Exception {
        return new ConsumerService(ConfigReloader.load(cfg.write(dir), new ConfigLoader(Map.of())), ConsumerMode.live()).start(false);
    }

    private static ClickHouseClient client(TestConfig cfg, Path dir) throws Exception {
        return new ClickHouseClient(new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse());
    }

    private static List<QueueIntervalRecord> rows(int from, int to, long version) {
        List<QueueIntervalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Rows.row(i, "Queue " + (i % 40), version + i));
        }
        return out;
    }

    private static long count(ClickHouseClient ch, String sql) throws Exception {
        return Long.parseLong(ch.query(sql).strip());
    }

    private static long localRows(int shard, int replica, TestConfig cfg) throws Exception {
        return count(cluster.client(shard, replica), "SELECT count() FROM " + Rows.table(cfg));
    }

    private static long localFinalRows(int shard, int replica, TestConfig cfg) throws Exception {
        return count(cluster.client(shard, replica), "SELECT count() FROM " + Rows.table(cfg) + " FINAL");
    }

    /**
     * Waits until both replicas of each shard hold the same keys (replication is asynchronous:
     * a SELECT through the Distributed table may read either replica) and every key is on one
     * shard only, then checks FINAL through the Distributed table: all keys, none twice.
     */
    private static void assertFinalExact(ClickHouseClient ch, TestConfig cfg, long expected) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int shard = 1; shard <= 2; shard++) {
                assertThat(localFinalRows(shard, 2, cfg)).as("replicas of shard %d agree", shard)
                        .isEqualTo(localFinalRows(shard, 1, cfg));
            }
            assertThat(localFinalRows(1, 1, cfg) + localFinalRows(2, 1, cfg)).as("every key on exactly one shard")
                    .isEqualTo(expected);
        });
        assertThat(count(ch, "SELECT count() FROM " + distributed(cfg) + " FINAL")).isEqualTo(expected);
        assertThat(count(ch, "SELECT count() FROM (SELECT event_time, queue_id, media_type, interval_start, count() AS c FROM "
                + distributed(cfg) + " FINAL GROUP BY event_time, queue_id, media_type, interval_start HAVING c > 1)")).isZero();
    }

    /** Drops the test's tables on every server: a table of a few thousand rows takes ~150 MB per replica on disk. */
    private static void dropTables(TestConfig cfg, Path dir) throws Exception {
        ClickHouseClient ch = client(cfg, dir);
        ch.execute("DROP TABLE IF EXISTS " + distributed(cfg) + " ON CLUSTER " + cluster.name());
        ch.execute("DROP TABLE IF EXISTS " + Rows.table(cfg) + " ON CLUSTER " + cluster.name());
    }

    /**
     * {@code consumer audit} as {@code AuditCommand} runs it (the Distributed table in cluster
     * mode), on the test's configuration without environment overrides: scripts/test.sh also
     * exports CLICKHOUSE_URL (its single server), which would replace the cluster's URLs.
     */
    private static void assertAuditComplete(TestConfig cfg, Path dir) throws Exception {
        PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
        assertThat(config.clickhouse().writeTable()).isEqualTo(distributed(cfg));
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        AuditReport report;
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(ConsumerService.sourceReaderProperties(config.kafka()))) {
            report = new Audit(kafka, new TableVersions(new ClickHouseClient(config.clickhouse()), config.clickhouse().writeTable()),
                    r -> validator.validate(r).map(Object::toString), config.kafka().topic(), config.kafka().dlqTopic(),
                    config.clickhouse().writeTable()).run(null, null);
        }
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("missing").asLong()).as(report.toText()).isZero();
        assertThat(json.get("stale").asLong()).as(report.toText()).isZero();
        assertThat(json.get("dead_lettered").asLong()).as("nothing dead-lettered").isZero();
        assertThat(report.exitCode()).isZero();
        dropTables(cfg, dir);
    }

    @Test
    void createsTheReplicatedTableOnEveryServerAndWritesThroughTheDistributedTableExactly(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = config(servers);
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 4000, 1_000_000L));
            kafka.sendAll(rows(0, 1000, 9_000_000L)); // re-polls: newer versions of 1000 keys
            await().atMost(Duration.ofSeconds(90)).until(() -> kafka.committedSum(cfg.groupId()) == 5000);

            for (int shard = 1; shard <= 2; shard++) {
                for (int replica = 1; replica <= 2; replica++) {
                    ClickHouseClient one = cluster.client(shard, replica);
                    assertThat(one.query("SELECT engine FROM system.tables WHERE database = '" + cfg.database()
                            + "' AND name = '" + cfg.table() + "'").strip()).isEqualTo("ReplicatedReplacingMergeTree");
                    assertThat(one.query("SELECT engine FROM system.tables WHERE database = '" + cfg.database()
                            + "' AND name = '" + cfg.table() + "_all'").strip()).isEqualTo("Distributed");
                }
                assertThat(localRows(shard, 1, cfg)).as("shard %d holds a share of the queues", shard).isPositive();
            }
            assertFinalExact(ch, cfg, 4000);
            assertThat(count(ch, "SELECT count() FROM " + distributed(cfg) + " FINAL WHERE fetched_at >= 9000000")).isEqualTo(1000);
            assertThat(consumer.metrics().deadLetters()).isZero();
        }
        assertAuditComplete(cfg, dir);
    }

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void theObservationsTableIsReplicatedOnEveryServerAndWrittenThroughItsDistributedTableExactly(RealServers servers,
                                                                                                 @TempDir Path dir) throws Exception {
        TestConfig cfg = config(servers).observations("");
        String table = cfg.database() + "." + cfg.observationsTable();
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        Instant at = Instant.parse("2025-03-03T07:40:15.123Z");
        for (int s = 0; s < 10; s++) {
            for (int q = 0; q < 40; q++) {
                QueueObservationRecord r = QueueObservationRecord.of("q-" + q, "Queue " + q, "voice", "oWaiting", "", q % 7,
                        null, at.plusSeconds(15L * s));
                records.add(Map.entry(r.queueId().getBytes(StandardCharsets.UTF_8),
                        ObservationJson.toBytes(r)));
            }
        }
        try (KafkaFixture intervals = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             KafkaFixture observations = new KafkaFixture(servers, cfg.observationsTopic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            ClickHouseClient ch = client(cfg, dir);
            observations.sendRaw(records);
            observations.sendRaw(records); // a replay of every snapshot: kept once
            await().atMost(Duration.ofSeconds(90)).until(() -> observations.committedSum(cfg.groupId() + ".observations") == 800);

            for (int shard = 1; shard <= 2; shard++) {
                for (int replica = 1; replica <= 2; replica++) {
                    ClickHouseClient one = cluster.client(shard, replica);
                    assertThat(one.query("SELECT engine FROM system.tables WHERE database = '" + cfg.database()
                            + "' AND name = '" + cfg.observationsTable() + "'").strip()).isEqualTo("ReplicatedReplacingMergeTree");
                    assertThat(one.query("SELECT engine FROM system.tables WHERE database = '" + cfg.database()
                            + "' AND name = '" + cfg.observationsTable() + "_distributed'").strip()).isEqualTo("Distributed");
                }
                int s = shard;
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(count(cluster.client(s, 2), "SELECT count() FROM " + table + " FINAL")).as("replicas of shard %d agree", s)
                                .isEqualTo(count(cluster.client(s, 1), "SELECT count() FROM " + table + " FINAL")).isPositive());
            }
            assertThat(count(ch, "SELECT count() FROM " + table + "_distributed FINAL")).isEqualTo(400);
            assertThat(count(ch, "SELECT uniqExact(queue_id, observed_at_ms) FROM " + table + "_distributed")).isEqualTo(400);
            assertThat(consumer.observationMetrics().orElseThrow().deadLetters()).isZero();
        } finally {
            ClickHouseClient ch = client(cfg, dir);
            ch.execute("DROP TABLE IF EXISTS " + table + "_distributed ON CLUSTER " + cluster.name());
            ch.execute("DROP TABLE IF EXISTS " + table + " ON CLUSTER " + cluster.name());
        }
        dropTables(cfg, dir);
    }

    @Test
    void aReplicaKilledMidStreamIsFailedOverAndCatchesUpThroughReplicationAfterItsRestart(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = config(servers);
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 3000, 1_000_000L));
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 3000);

            // s1r1 is the first URL: the consumer's preferred server and a replica of shard 1.
            kafka.sendAll(rows(3000, 6000, 1_000_000L));
            cluster.kill(1, 1);
            try {
                kafka.sendAll(rows(6000, 9000, 1_000_000L));
                // Committed only once written: every INSERT after the kill went to the other servers.
                await().atMost(Duration.ofSeconds(120)).until(() -> kafka.committedSum(cfg.groupId()) == 9000);
                // (A SELECT now may miss the last rows the dead replica acknowledged before its peer fetched
                // them: insert_distributed_sync waits for one replica. They are on its disk, back on restart.)
            } finally {
                cluster.startClickHouse(1, 1);
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> localFinalRows(1, 1, cfg) == localFinalRows(1, 2, cfg));
            assertThat(localRows(1, 1, cfg)).as("the restarted replica caught up").isPositive();
            assertFinalExact(cluster.client(1, 1), cfg, 9000);
            assertFinalExact(ch, cfg, 9000);
            assertThat(consumer.metrics().deadLetters()).isZero();
        }
        assertAuditComplete(cfg, dir);
    }

    @Test
    void zooKeeperStoppedForThirtySecondsMakesTheConsumerRetryNeverDeadLetterAndStoreEverythingAfterwards(
            RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = config(servers);
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir)) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 2000, 1_000_000L));
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 2000);

            cluster.stopZooKeeper();
            long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean sawNotReady = false;
            try {
                kafka.sendAll(rows(2000, 5000, 1_000_000L));
                while (System.nanoTime() < outageEnds) {
                    assertThat(consumer.metrics().deadLetters()).as("a read-only replica is retried, never dead-lettered").isZero();
                    sawNotReady |= !consumer.readiness().ready();
                    Thread.sleep(500); // sampling interval of the invariant check, not a wait for a condition
                }
            } finally {
                cluster.startZooKeeper();
            }
            assertThat(sawNotReady).as("/readyz answers 503 while the tables are read-only").isTrue();

            await().atMost(Duration.ofSeconds(120)).until(() -> kafka.committedSum(cfg.groupId()) == 5000);
            assertFinalExact(ch, cfg, 5000);
            assertThat(consumer.metrics().deadLetters()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.readiness().ready());
        }
        assertAuditComplete(cfg, dir);
    }
}
