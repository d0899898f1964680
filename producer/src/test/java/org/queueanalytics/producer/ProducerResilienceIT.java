package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.faults.FaultSettings;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * The producer against the Genesys emulator and a real Kafka broker when Genesys misbehaves:
 * expiring and revoked tokens, 429 storms, 5xx bursts, queries too large. Time is virtual (one
 * clock for emulator and producer, waits move it), so a 60-second Retry-After costs nothing and
 * every count below is exact.
 */
@ExtendWith(RealServersExtension.class)
class ProducerResilienceIT {
    /** A Wednesday afternoon (UTC): traffic in every recent interval. */
    private static final String NOW = "2025-03-12T16:07:00Z";
    /** Monday and Tuesday before NOW, hourly: 2 one-day windows. */
    private static final String TWO_DAYS = "\"interval\":\"PT1H\",\"date_from\":\"2025-03-10T00:00:00Z\",\"date_to\":\"2025-03-12T00:00:00Z\"";
    private static final int WINDOWS = 2;
    private static final String[] API_ENDPOINTS = {Endpoints.ROUTING_QUEUES, Endpoints.AGGREGATES};

    private final VirtualTime time = new VirtualTime(NOW);

    @Test
    void shortLivedTokensAreRenewedAcrossCyclesWithoutA401OrAFailedCycle(RealServers servers, @TempDir Path dir) {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(5).seed(21).tokenTtl(Duration.ofSeconds(3))
                .clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT15M\",\"lookback_seconds\":3600,\"deep_lookback_seconds\":3600}")
                    .pollIntervalSeconds(1);
            ProducerService producer = time.producer(VirtualTime.load(cfg, dir));
            try (producer) {
                producer.start(); // the service loop: a cycle every (virtual) second
                await().atMost(Duration.ofSeconds(60)).until(() -> producer.status().cyclesSucceeded() >= 8);
            }
            assertThat(producer.failure()).isEmpty();
            ProducerStatus status = producer.status();
            assertThat(status.cyclesFailed()).isZero();
            // a 3 s token is renewed at half its lifetime: a new one every second cycle, before Genesys refuses it
            assertThat(emulator.tokensIssued()).isGreaterThanOrEqualTo(status.cyclesSucceeded() / 2)
                    .isEqualTo(status.tokensIssued());
            assertThat(status.tokensIssued()).isGreaterThanOrEqualTo(4);
            assertThat(total(emulator, 401)).isZero();
            assertThat(emulator.requestCount(Endpoints.AGGREGATES, 200)).isEqualTo(emulator.requestCount(Endpoints.AGGREGATES))
                    .isGreaterThanOrEqualTo(status.cyclesSucceeded());
            assertEveryServedIntervalArrived(servers, cfg, emulator);
        }
    }

    @Test
    void aTokenRevokedBetweenCyclesCostsOne401AndOneNewTokenNotACycle(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(5).seed(22).clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT15M\",\"lookback_seconds\":3600,\"deep_lookback_seconds\":3600}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                producer.runOnce();
                emulator.revokeTokens();
                time.clock.advance(Duration.ofMinutes(5));

                PollReport second = producer.runOnce(); // throws if the 401 surfaced

                assertThat(second.windows()).isEqualTo(1);
                assertThat(total(emulator, 401)).isEqualTo(1);
                assertThat(emulator.tokensIssued()).isEqualTo(2);
                assertThat(producer.status().tokensIssued()).isEqualTo(2);
            }
            assertEveryServedIntervalArrived(servers, cfg, emulator);
        }
    }

    @Test
    void a429StormIsWaitedOutExactlyAsRetryAfterSaysAndNoRecordIsLost(RealServers servers, @TempDir Path dir) throws Exception {
        int limit = 2;
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(150).seed(23).rateLimitPerMinute(limit)
                .clock(time.clock).build().start()) {
            // our own budget is far above Genesys' limit, so Genesys' 429s are what slows us down
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{" + TWO_DAYS + ",\"max_requests_per_minute\":1000}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                PollReport report = producer.runOnce();

                assertThat(report.windows()).isEqualTo(WINDOWS);
                assertThat(producer.status().requestsSent()).isEqualTo(totalRequests(emulator));
            }
            long answered = total(emulator, 200);
            assertThat(emulator.requestCount(Endpoints.ROUTING_QUEUES, 200)).isEqualTo(2); // 150 queues, 100 a page
            assertThat(emulator.requestCount(Endpoints.AGGREGATES, 200)).isEqualTo(WINDOWS * 2); // 2 batches of ≤ 100
            // Retry-After honoured: one 429 per full rate-limit window, never a second one in the same window
            long windowsOfRequests = (answered + limit - 1) / limit;
            assertThat(total(emulator, 429)).isEqualTo(windowsOfRequests - 1);
            // ... and each was waited out once, for the whole time Genesys asked for: no busy loop
            assertThat(time.waits.waits()).hasSize((int) (windowsOfRequests - 1)).containsOnly(Duration.ofSeconds(60));
            assertEachServedIntervalArrivedOnce(servers, cfg, emulator);
        }
    }

    @Test
    void theClientSideBudgetKeepsUnderGenesysLimitSoNo429IsEverAnswered(RealServers servers, @TempDir Path dir) throws Exception {
        int limit = 2;
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(150).seed(24).rateLimitPerMinute(limit)
                .clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{" + TWO_DAYS + ",\"max_requests_per_minute\":" + limit + "}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                producer.runOnce();
            }
            long answered = total(emulator, 200);
            assertThat(answered).isEqualTo(2 + WINDOWS * 2);
            assertThat(total(emulator, 429)).isZero();
            // 6 requests at 2 a minute: two full minutes of waiting, spent before the requests, not after refusals
            assertThat(time.waits.total()).isEqualTo(Duration.ofMinutes((answered - 1) / limit));
            assertEachServedIntervalArrivedOnce(servers, cfg, emulator);
        }
    }

    @Test
    void serverErrorBurstsAreRetriedWithBoundedBackoffAndEveryRecordArrives(RealServers servers, @TempDir Path dir)
            throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(120).seed(25)
                .faults(new FaultSettings(0.3, 0, Duration.ZERO)).clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{" + TWO_DAYS + "}")
                    .retry("{\"max_retries\":8,\"base_delay_seconds\":1,\"max_delay_seconds\":4}");
            emulator.failNext(3, 503); // a burst on top of the 30 % standing error rate
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                PollReport report = producer.runOnce();

                assertThat(report.windows()).isEqualTo(WINDOWS);
                assertThat(producer.status().requestsSent()).isEqualTo(totalRequests(emulator));
            }
            long failed = total(emulator, 503);
            assertThat(failed).isGreaterThanOrEqualTo(3);
            // every query was answered exactly once: none lost, none sent again after it succeeded
            assertThat(emulator.requestCount(Endpoints.ROUTING_QUEUES, 200)).isEqualTo(2);
            assertThat(emulator.requestCount(Endpoints.AGGREGATES, 200)).isEqualTo(WINDOWS * 2);
            // one backoff per failed attempt, within [base × (1 − 0.5), max]
            assertThat(time.waits.waits()).hasSize((int) failed)
                    .allMatch(d -> d.compareTo(Duration.ofMillis(500)) >= 0 && d.compareTo(Duration.ofSeconds(4)) <= 0);
            assertEachServedIntervalArrivedOnce(servers, cfg, emulator);
        }
    }

    @Test
    void aBatchWithTooManyPredicatesIsSplitUntilGenesysAcceptsIt(RealServers servers, @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(35).seed(26).maxPredicates(10)
                .clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).analytics("{" + TWO_DAYS + "}");
            try (ProducerService producer = time.producer(VirtualTime.load(cfg, dir))) {
                producer.runOnce();
            }
            // per window: 35 → 400; 17 and 18 → 400; 8, 9, 9 and 9 → 200
            assertThat(emulator.requestCount(Endpoints.AGGREGATES, 400)).isEqualTo(WINDOWS * 3);
            assertThat(emulator.requestCount(Endpoints.AGGREGATES, 200)).isEqualTo(WINDOWS * 4);
            assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isEqualTo(WINDOWS * 7);
            assertEachServedIntervalArrivedOnce(servers, cfg, emulator);
        }
    }

    /** Every interval the emulator served is in Kafka, and nothing else (live re-polls may publish an interval again). */
    private static void assertEveryServedIntervalArrived(RealServers servers, TestConfig cfg, GenesysEmulator emulator) {
        List<String> served = emulator.served().stream().map(ProducerResilienceIT::key).toList();
        List<QueueIntervalRecord> records = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());
        assertThat(served).isNotEmpty();
        assertThat(records.stream().map(ProducerResilienceIT::key).distinct().sorted().toList()).isEqualTo(sorted(served));
    }

    /** A range polled once: exactly one record per interval the emulator served (nothing lost, nothing twice). */
    private static void assertEachServedIntervalArrivedOnce(RealServers servers, TestConfig cfg, GenesysEmulator emulator) {
        List<String> served = emulator.served().stream().map(ProducerResilienceIT::key).toList();
        List<QueueIntervalRecord> records = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());
        assertThat(served).isNotEmpty();
        assertThat(records.stream().map(ProducerResilienceIT::key).sorted().toList()).isEqualTo(sorted(served));
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static String key(QueueIntervalRecord r) {
        return r.queueId() + "|" + r.mediaType() + "|" + r.intervalStart() + "|" + r.intervalEnd();
    }

    private static String key(ServedInterval s) {
        return s.queueId() + "|" + s.mediaType() + "|" + s.intervalStart() + "|" + s.intervalEnd();
    }

    private static long total(GenesysEmulator emulator, int status) {
        long sum = 0;
        for (String endpoint : API_ENDPOINTS) {
            sum += emulator.requestCount(endpoint, status);
        }
        return sum;
    }

    private static long totalRequests(GenesysEmulator emulator) {
        long sum = 0;
        for (Map.Entry<String, Map<Integer, Long>> e : emulator.requestCounts().entrySet()) {
            if (!e.getKey().equals(Endpoints.TOKEN)) {
                sum += e.getValue().values().stream().mapToLong(Long::longValue).sum();
            }
        }
        return sum;
    }
}
