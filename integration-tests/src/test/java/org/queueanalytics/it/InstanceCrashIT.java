package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.producer.genesys.AggregatesClient;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.ProducerTopics;
import org.queueanalytics.producer.time.StopSignal;
import org.queueanalytics.testsupport.AdminHttp;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Failure test 4 of the production topology: two producer and two consumer processes (the real jars, each in
 * its own JVM) share the work — the producers the 16 queue shards through their Kafka group, the consumers the
 * topic's partitions — then one producer and one consumer are SIGKILLed. The survivors take over the shards and
 * the partitions after the session timeout, and in the end {@code consumer audit} finds nothing missing or stale
 * and the table read through {@code FINAL} holds exactly the emulator's numbers.
 *
 * <p>The window is the last 24 hours, so busy hours are in it whenever the test runs. The emulator's clock stands still at the last half-hour boundary, so its answers never change and the
 * expected rows are its answer for {@code [date_from, frozen now)} whatever the producers polled in between
 * (every re-poll repeats the same values under a new {@code fetched_at}).
 */
@ExtendWith(RealServersExtension.class)
class InstanceCrashIT {
    private static final Duration AWAIT = Duration.ofSeconds(90);
    private static final Duration PT30M = Duration.ofMinutes(30);
    private static final int SHARDS = 16;
    private static final int PARTITIONS = 4;
    private static final String COLUMNS = "queue_id, media_type, toUnixTimestamp(interval_start), offered, answered, abandoned, "
            + "over_sla, sl_numerator, sl_denominator, wait_time_ms, talk_time_ms, handle_time_ms, handle_count, transferred";

    @Test
    void aProducerAndAConsumerKilledWhileTwoOfEachRunHandTheirShardsAndPartitionsOverAndNothingIsLost(RealServers servers,
            @TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        Instant frozenNow = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), PT30M.toMillis()) * PT30M.toMillis());
        // a whole day: the emulator's traffic follows the hour and the weekday, and a 4-hour window on a weekend
        // night holds only a few dozen rows — a day holds busy hours whenever the test runs
        Instant dateFrom = frozenNow.minus(Duration.ofHours(24));
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(48).seed(71).ingestionDelay(false)
                .rateLimitPerMinute(100_000).clock(Clock.fixed(frozenNow, ZoneOffset.UTC)).build().start()) {
            // session.timeout.ms: a crashed consumer's partitions move after 10 s instead of Kafka's default 45 s
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).pollIntervalSeconds(2)
                    .partitions(PARTITIONS)
                    .analytics("{\"interval\":\"PT30M\",\"date_from\":\"" + dateFrom + "\",\"lookback_seconds\":3600,"
                            + "\"deep_lookback_seconds\":3600,\"max_requests_per_minute\":1000}")
                    .kafkaExtra("\"client_properties\": {\"session.timeout.ms\": \"10000\", \"heartbeat.interval.ms\": \"3000\"}")
                    .batch("{\"max_rows\":500,\"linger_ms\":200}")
                    .retry("{\"max_retries\":5,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
            PipelineConfig config = new ConfigLoader(Map.of()).load(cfg.write(dir));
            ProducerTopics.ensureTopics(config.kafka());

            Instance consumerA = Instance.start("consumer", "consumer-a", cfg, dir);
            Instance consumerB = Instance.start("consumer", "consumer-b", cfg, dir);
            Instance producerA = Instance.start("producer", "producer-a", cfg, dir);
            Instance producerB = Instance.start("producer", "producer-b", cfg, dir);
            try {
                // steady flow: each producer owns some shards and has published, each consumer owns partitions and has stored rows
                await().atMost(AWAIT).ignoreExceptions().until(() -> {
                    JsonNode a = producerA.status();
                    JsonNode b = producerB.status();
                    return a.path("shards").size() > 0 && b.path("shards").size() > 0
                            && a.path("shards").size() + b.path("shards").size() == SHARDS
                            && a.path("cycles_succeeded").asLong() >= 2 && b.path("cycles_succeeded").asLong() >= 2;
                });
                await().atMost(AWAIT).ignoreExceptions().until(() -> {
                    JsonNode a = consumerA.status();
                    JsonNode b = consumerB.status();
                    return a.path("lag").size() > 0 && b.path("lag").size() > 0 && a.path("rows_inserted").asLong() > 0
                            && b.path("rows_inserted").asLong() > 0;
                });
                assertThat(producerA.status().path("sharding").asText()).as("the producers share shards through their group")
                        .doesNotContain("static");

                long killedAt = System.nanoTime();
                producerA.process.kill();
                consumerA.process.kill();

                // the survivors take over: all 16 shards, all partitions, and they keep working
                await().atMost(AWAIT).ignoreExceptions().until(() -> producerB.status().path("shards").size() == SHARDS);
                long producerTakeover = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
                await().atMost(AWAIT).ignoreExceptions().until(() -> consumerB.status().path("lag").size() == PARTITIONS);
                long consumerTakeover = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
                long cycles = producerB.status().path("cycles_succeeded").asLong();
                await().atMost(AWAIT).ignoreExceptions().until(() -> producerB.status().path("cycles_succeeded").asLong() >= cycles + 2);
                assertThat(producerB.status().path("checkpoints").size()).as("a checkpoint per shard").isEqualTo(SHARDS);
                await().atMost(AWAIT).ignoreExceptions().until(() -> producerB.http.get("/readyz").status() == 200);

                // the producers stop (SIGTERM); the consumer stores what is left
                producerB.process.close();
                assertThat(producerB.process.process().exitValue()).as("producer-b stopped cleanly").isIn(0, 143);

                List<String> expected = expectedRows(emulator, config, dateFrom, frozenNow);
                assertThat(expected).as("the emulator's answer for the fixed window").hasSizeGreaterThan(300);
                ClickHouseClient ch = new ClickHouseClient(config.clickhouse());
                String table = config.clickhouse().qualifiedTable();
                await().atMost(AWAIT).ignoreExceptions().untilAsserted(() ->
                        assertThat(ch.query("SELECT " + COLUMNS + " FROM " + table + " FINAL FORMAT TabSeparated").lines())
                                .containsExactlyInAnyOrderElementsOf(expected));
                assertThat(ch.query("SELECT count(), sum(offered), sum(answered), sum(handle_time_ms) FROM " + table + " FINAL").trim())
                        .isEqualTo(sums(expected));
                await().atMost(AWAIT).ignoreExceptions().until(() -> ConsumerAudit.lagIsZero(consumerB.http, PARTITIONS) && consumerB.http.get("/readyz").status() == 200);

                JsonNode audit = ConsumerAudit.complete(cfg.write(dir), dir);
                assertThat(audit.path("missing").asLong()).as("audit: missing").isZero();
                assertThat(audit.path("stale").asLong()).as("audit: stale").isZero();
                assertThat(audit.path("differs").asLong()).as("audit: differs").isZero();
                assertThat(audit.path("dead_lettered").asLong()).as("audit: dead-lettered").isZero();
                assertThat(audit.path("matched").asLong()).isEqualTo(expected.size());
                long versions = audit.path("records_read").asLong();
                assertThat(versions).as("re-polls and take-overs published several versions of each key").isGreaterThan(expected.size());
                assertThat(consumerB.status().path("dlq_records").asLong()).isZero();

                // what an operator sees in the survivors' logs
                assertThat(producerB.process.output()).contains("Producer shards assigned [").contains("this instance now owns 16 of 16");
                assertThat(consumerB.process.output()).contains("partitions assigned: [");
                System.out.printf("instance crash: producer shards taken over after %d s, consumer partitions after %d s; "
                                + "%d keys, %d records in the topic; test took %d s%n", producerTakeover, consumerTakeover, expected.size(),
                        versions, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            } finally {
                for (Instance instance : List.of(producerA, producerB, consumerA, consumerB)) {
                    instance.process.close();
                }
            }
        }
    }

    /** One process and its admin endpoint. */
    private record Instance(ServiceProcess process, AdminHttp http) {
        static Instance start(String service, String name, TestConfig cfg, Path dir) throws IOException {
            Path own = Files.createDirectories(dir.resolve(name));
            int port = freePort();
            return new Instance(ServiceProcess.start(service, name, cfg.adminPort(port).write(own), own.resolve(name + ".log")),
                    new AdminHttp(port, null));
        }

        JsonNode status() throws IOException {
            assertThat(process.process().isAlive()).as("%s is running (log: %s)", process.name(), process.log()).isTrue();
            AdminHttp.Answer answer = http.get("/status");
            assertThat(answer.status()).isEqualTo(200);
            return RecordJson.mapper().readTree(answer.body());
        }
    }

    /** The emulator's answer for every listed queue over the window, as {@link #COLUMNS} rows (TabSeparated). */
    private static List<String> expectedRows(GenesysEmulator emulator, PipelineConfig config, Instant from, Instant frozenNow)
            throws Exception {
        StopSignal stop = new StopSignal();
        GenesysHttpClient http = GenesysHttpClient.create(config.oauth(), 1000, config.retry(), Clock.systemUTC(), stop);
        AggregatesClient aggregates = new AggregatesClient(http, PT30M, List.of(), Clock.systemUTC());
        List<Queue> queues = emulator.queues().stream().map(q -> new Queue(q.idString(), q.name())).toList();
        // beyond the frozen now nothing has happened: the window reaches past it to show that no later row exists
        List<QueueIntervalRecord> records = aggregates.fetch(queues, new TimeWindow(from, frozenNow.plus(Duration.ofHours(2))));
        return records.stream().map(r -> String.join("\t", r.queueId(), r.mediaType(), Long.toString(r.intervalStart().getEpochSecond()),
                Long.toString(r.offered()), Long.toString(r.answered()), Long.toString(r.abandoned()), Long.toString(r.overSla()),
                Long.toString(r.slNumerator()), Long.toString(r.slDenominator()), Long.toString(r.waitTimeMs()),
                Long.toString(r.talkTimeMs()), Long.toString(r.handleTimeMs()), Long.toString(r.handleCount()),
                Long.toString(r.transferred()))).toList();
    }

    /** count, sum(offered), sum(answered), sum(handle_time_ms) of the expected rows, as ClickHouse prints them. */
    private static String sums(List<String> rows) {
        long offered = 0;
        long answered = 0;
        long handle = 0;
        for (String row : rows) {
            String[] f = row.split("\t");
            offered += Long.parseLong(f[3]);
            answered += Long.parseLong(f[4]);
            handle += Long.parseLong(f[11]);
        }
        return rows.size() + "\t" + offered + "\t" + answered + "\t" + handle;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
