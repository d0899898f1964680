package org.queueanalytics.consumer.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.ServerControl;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The consumer's delivery guarantees under faults, against the real servers (issue 4, item 10).
 * Every test checks: FINAL shows each record exactly once, no key twice, and the committed
 * offsets reach the end of the topic only when everything is stored.
 */
@ExtendWith(RealServersExtension.class)
class ConsumerFaultIT {
    private static final int PARTITIONS = 3;

    private static ConsumerService start(TestConfig cfg, Path dir, ConsumerMode mode) throws Exception {
        ConfigReloader reloader = ConfigReloader.load(cfg.write(dir), new ConfigLoader(Map.of()));
        return new ConsumerService(reloader, mode).start(false);
    }

    private static ClickHouseClient client(TestConfig cfg, Path dir) throws Exception {
        return new ClickHouseClient(new ConfigLoader(Map.of()).load(cfg.write(dir)).clickhouse());
    }

    private static List<QueueIntervalRecord> rows(int from, int to) {
        List<QueueIntervalRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Rows.row(i, "Queue " + (i % 40), 1_000_000L + i));
        }
        return out;
    }

    @Test
    void aSixtySecondClickHouseOutageLosesNothingDoublesNothingAndCommitsNothingUnwritten(RealServers servers, @TempDir Path dir)
            throws Exception {
        ServerControl clickhouse = servers.clickHouseControl();
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":400,\"linger_ms\":100}")
                .retry("{\"max_retries\":2,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir, ConsumerMode.live())) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 4000));
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 4000);
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(4000);

            clickhouse.stop();
            long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                kafka.sendAll(rows(4000, 8000));
                boolean sawNotReady = false;
                while (System.nanoTime() < outageEnds) {
                    assertThat(kafka.committedSum(cfg.groupId())).as("no offset committed while ClickHouse is down").isEqualTo(4000);
                    assertThat(kafka.members(cfg.groupId())).as("the consumer stays in its group").isEqualTo(1);
                    sawNotReady |= !consumer.readiness().ready();
                    Thread.sleep(2000); // sampling interval of the invariant check, not a wait for a condition
                }
                assertThat(sawNotReady).as("not ready while ClickHouse is down").isTrue();
            } finally {
                clickhouse.start();
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> kafka.committedSum(cfg.groupId()) == 8000);
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(8000);
            assertThat(Rows.duplicateKeysThroughFinal(ch, cfg)).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.readiness().ready());
        }
    }

    @Test
    void aConsumerKilledWithSigkillMidStreamLosesNothingAfterARestart(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":250,\"linger_ms\":50}");
        Path config = cfg.write(dir);
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS)) {
            kafka.sendAll(rows(0, 30_000));
            ClickHouseClient ch = client(cfg, dir);
            Process first = launch(config, dir.resolve("first.log"));
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> tableExists(ch, cfg) && Rows.rawCount(ch, cfg) > 2000);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                first.waitFor(30, TimeUnit.SECONDS);
            }
            long storedAtKill = Rows.rawCount(ch, cfg);
            long committedAtKill = kafka.committedSum(cfg.groupId());
            assertThat(storedAtKill).as("killed mid-stream").isLessThan(30_000);
            assertThat(committedAtKill).as("committed never runs ahead of stored rows").isLessThanOrEqualTo(storedAtKill);

            Process second = launch(config, dir.resolve("second.log"));
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> kafka.committedSum(cfg.groupId()) == 30_000);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(30_000);
            assertThat(Rows.duplicateKeysThroughFinal(ch, cfg)).isZero();
        }
    }

    @Test
    void aSecondConsumerJoiningAndLeavingMidStreamLosesNothing(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":300,\"linger_ms\":100}");
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService first = start(cfg, dir, ConsumerMode.live())) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 5000));
            AtomicInteger sent = new AtomicInteger(5000);
            ConsumerService second = start(cfg, dir, ConsumerMode.live());
            try {
                // keep the stream flowing until the newcomer has stored rows of its own
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    kafka.sendAll(rows(sent.get(), sent.addAndGet(200)));
                    return second.metrics().rowsInserted() > 0;
                });
                kafka.sendAll(rows(sent.get(), sent.addAndGet(2000)));
            } finally {
                second.close();
            }
            kafka.sendAll(rows(sent.get(), sent.addAndGet(3000)));
            int total = sent.get();

            await().atMost(Duration.ofSeconds(90)).until(() -> kafka.committedSum(cfg.groupId()) == total);
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(total);
            assertThat(Rows.duplicateKeysThroughFinal(ch, cfg)).isZero();
            assertThat(first.metrics().rowsInserted()).isPositive();
            assertThat(first.metrics().rowsInserted() + second.metrics().rowsInserted()).isGreaterThanOrEqualTo(total);
        }
    }

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void aFullReplayLeavesTheFinalCountsUnchanged(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":2000,\"linger_ms\":100}");
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS)) {
            ClickHouseClient ch = client(cfg, dir);
            kafka.sendAll(rows(0, 12_000));
            try (ConsumerService live = start(cfg, dir, ConsumerMode.live())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 12_000);
            }
            long before = Rows.finalCount(ch, cfg);

            ConsumerService replay = start(cfg, dir, ConsumerMode.replay(null, true));
            try {
                assertThat(replay.awaitLoopEnd(Duration.ofSeconds(90))).as("replay stops once caught up").isTrue();
            } finally {
                replay.close();
            }

            assertThat(replay.metrics().rowsInserted()).isEqualTo(12_000);
            assertThat(before).isEqualTo(12_000);
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(12_000);
            assertThat(Rows.duplicateKeysThroughFinal(ch, cfg)).isZero();
            assertThat(kafka.committedSum(cfg.groupId())).as("the live group's offsets are untouched").isEqualTo(12_000);
        }
    }

    @Test
    void tenThousandAdversarialQueueNamesRoundTripByteForByte(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":3000,\"linger_ms\":100}");
        Random random = new Random(20251127);
        Map<String, String> expectedHex = new HashMap<>();
        List<QueueIntervalRecord> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String name = AdversarialNames.next(random, i);
            QueueIntervalRecord r = Rows.row(i, name, 5_000_000L + i);
            records.add(r);
            expectedHex.put(r.queueId() + "|" + r.intervalStart().getEpochSecond(),
                    HexFormat.of().withUpperCase().formatHex(name.getBytes(StandardCharsets.UTF_8)));
        }
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir, ConsumerMode.live())) {
            kafka.sendAll(records);
            ClickHouseClient ch = client(cfg, dir);
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 10_000);
            assertThat(consumer.metrics().deadLetters()).isZero();

            String tsv = ch.query("SELECT queue_id, toUnixTimestamp(interval_start), hex(queue_name) FROM " + Rows.table(cfg)
                    + " FINAL FORMAT TabSeparated");
            Map<String, String> actual = new HashMap<>();
            tsv.lines().map(l -> l.split("\t")).forEach(f -> actual.put(f[0] + "|" + f[1], f[2]));
            assertThat(actual).hasSize(10_000).isEqualTo(expectedHex);
        }
    }

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void failsOverToTheNextClickHouseEndpointWhenTheFirstIsDown(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).clickhouseUrl("http://127.0.0.1:1," + servers.clickHouseUrl());
        try (KafkaFixture kafka = new KafkaFixture(servers, cfg.topic(), PARTITIONS);
             ConsumerService consumer = start(cfg, dir, ConsumerMode.live())) {
            kafka.sendAll(rows(0, 3000));
            ClickHouseClient ch = client(cfg, dir);
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committedSum(cfg.groupId()) == 3000);
            assertThat(Rows.finalCount(ch, cfg)).isEqualTo(3000);
        }
    }

    private static boolean tableExists(ClickHouseClient ch, TestConfig cfg) throws Exception {
        return ch.query("EXISTS TABLE " + Rows.table(cfg)).trim().equals("1");
    }

    private static Process launch(Path config, Path log) throws Exception {
        Path jar = Path.of("target", "consumer.jar");
        assertThat(jar).as("the shaded consumer jar (built in the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
