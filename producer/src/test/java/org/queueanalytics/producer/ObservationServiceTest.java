package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.producer.genesys.GenesysPermissionException;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.observations.ObservationStatus;
import org.queueanalytics.producer.observations.QueueObservations;
import org.queueanalytics.producer.observations.SnapshotFetch;
import org.queueanalytics.producer.observations.SnapshotOutcome;
import org.queueanalytics.producer.observations.SnapshotReport;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.ObservationSink;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.StopSignal;
import org.queueanalytics.testsupport.MutableClock;
import org.slf4j.LoggerFactory;

/** The observation poller inside the service: its own thread, its own failures, reloads, the fixed range, /status and metrics. */
class ObservationServiceTest {
    private static final List<Queue> QUEUES = List.of(new Queue("q1", "Sales"), new Queue("q2", "Support"));
    private static final ObservationSettings ENABLED = ObservationSettings.disabled().withEnabled(true);

    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
    private final RecordingSink sink = new RecordingSink();
    private final List<QueueObservationRecord> observed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger observationCalls = new AtomicInteger();

    /** One record per queue per window; {@code afterCall} runs after each fetch. */
    private final class Statistics implements IntervalStatistics {
        final AtomicInteger calls = new AtomicInteger();
        volatile Runnable afterCall = () -> { };

        @Override
        public List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) {
            calls.incrementAndGet();
            afterCall.run();
            return queues.stream().map(q -> QueueIntervalRecord.builder().queueId(q.id()).queueName(q.name()).mediaType("voice")
                    .intervalStart(window.start()).intervalEnd(window.start().plus(Duration.ofMinutes(30))).granularity("PT30M")
                    .fetchedAt(clock.instant()).offered(1).build()).toList();
        }
    }

    private final ObservationSink observationSink = new ObservationSink() {
        @Override
        public void publishAll(List<QueueObservationRecord> records) {
            observed.addAll(records);
        }

        @Override
        public void close() {
        }
    };

    private ProducerService service(PipelineConfig config, StopSignal stop, Statistics statistics, QueueObservations observations) {
        return ProducerWiring.forConfig(config).clock(clock).shard(Shard.ALL).stop(stop).waits(new RecordingSleeper(clock))
                .genesys(new GenesysInputs(() -> QUEUES, statistics, () -> 0L, () -> 0L, () -> Optional.of(QUEUES), observations))
                .kafka(() -> new KafkaOutputs(sink, new InMemoryCheckpointStore()))
                .observationSinks(settings -> observationSink).service();
    }

    @Test
    void aFailingSnapshotNeverStopsIntervalPolling() throws Exception {
        StopSignal stop = new StopSignal();
        Statistics statistics = new Statistics();
        QueueObservations failing = (queues, metrics, max) -> {
            if (observationCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug in one snapshot");
            }
            return new SnapshotFetch(List.of(), 1, 0, 0, new GenesysPermissionException("HTTP 403", "analytics:queueObservation:view"));
        };
        ProducerService service = service(TestConfigs.config("").withObservations(ENABLED), stop, statistics, failing);
        statistics.afterCall = () -> {
            if (statistics.calls.get() == 1) { // the poller's first snapshot runs at start, on its own thread
                await().atMost(Duration.ofSeconds(10)).until(() -> service.observationStatus().snapshots().get("failed") >= 1);
            }
            if (statistics.calls.get() == 7) { // the first cycle's 5 windows, then two more cycles
                stop.stop();
            }
        };

        service.runUntilStopped();

        assertThat(service.status().cyclesSucceeded()).isEqualTo(3);
        assertThat(service.status().cyclesFailed()).isZero();
        assertThat(service.status().lastError()).isNull();
        ObservationStatus observations = service.observationStatus();
        assertThat(observations.snapshots().get("failed")).isGreaterThanOrEqualTo(1);
        assertThat(observations.lastError()).contains("a bug in one snapshot");
        assertThat(observations.running()).as("stopped with the loop").isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("producer-observations");
    }

    @Test
    void theSnapshotsGoToTheObservationSinkNotTheIntervalTopic() throws Exception {
        StopSignal stop = new StopSignal();
        Statistics statistics = new Statistics();
        QueueObservations answering = (queues, metrics, max) -> {
            observationCalls.incrementAndGet();
            return new SnapshotFetch(queues.stream().map(q -> QueueObservationRecord.of(q.id(), q.name(), "voice", "oWaiting", "", 1,
                    null, clock.instant())).toList(), 1, 1, 0, null);
        };
        ProducerService service = service(TestConfigs.config("").withObservations(ENABLED), stop, statistics, answering);
        statistics.afterCall = () -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> observed.size() >= 2);
            stop.stop();
        };

        service.runUntilStopped();

        assertThat(observed).extracting(QueueObservationRecord::queueId).startsWith("q1", "q2");
        assertThat(sink.published).allMatch(r -> r instanceof QueueIntervalRecord);
        assertThat(service.observationStatus().snapshots().get("complete")).isGreaterThanOrEqualTo(1);
        assertThat(service.observationStatus().recordsPublished()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFixedRangeRunDoesNotPollObservationsAndSaysSo() throws Exception {
        Statistics statistics = new Statistics();
        PipelineConfig config = TestConfigs.config("\"date_from\":\"2025-01-20T00:00:00Z\",\"date_to\":\"2025-01-21T00:00:00Z\"")
                .withObservations(ENABLED);
        Logger log = (Logger) LoggerFactory.getLogger(ObservationControl.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            service(config, new StopSignal(), statistics, (queues, metrics, max) -> {
                observationCalls.incrementAndGet();
                return new SnapshotFetch(List.of(), 1, 1, 0, null);
            }).runUntilStopped();
        } finally {
            log.detachAppender(appender);
        }

        assertThat(statistics.calls.get()).isPositive();
        assertThat(observationCalls.get()).isZero();
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("fixed range") && m.contains("not polled"));
    }

    @Test
    void theMetricsFollowTheProducerNaming() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerMetrics metrics = new ProducerMetrics(registry);
        Instant at = Instant.parse("2025-01-27T08:47:15Z");

        metrics.observationSnapshotEnded(new SnapshotReport(at, at, SnapshotOutcome.PARTIAL, 3, 2, 1, 40, false, null));
        metrics.observationSnapshotEnded(new SnapshotReport(at, at.plusSeconds(15), SnapshotOutcome.FAILED, 3, 3, 0, 0, true, "Kafka"));

        String scrape = registry.scrape();
        assertThat(scrape).contains("producer_observation_snapshots_total{outcome=\"complete\"} 0.0",
                "producer_observation_snapshots_total{outcome=\"partial\"} 1.0",
                "producer_observation_snapshots_total{outcome=\"failed\"} 1.0",
                "producer_observation_queries_skipped_total 1.0",
                "producer_observation_records_published_total 40.0",
                "producer_observation_publish_failures_total 1.0",
                "producer_observation_last_snapshot_timestamp_seconds " + (double) at.getEpochSecond());
    }

    @TempDir
    Path dir;

    @Test
    void aReloadOfObservationsRestartsOnlyThePollerAndEnablesAndDisablesIt() throws Exception {
        Path file = dir.resolve("config.json");
        String base = "\"oauth\":{\"base_url\":\"http://127.0.0.1:1\",\"login_url\":\"http://127.0.0.1:1\",\"client_id\":\"i\","
                + "\"client_secret\":\"s\"},\"kafka\":{\"bootstrap_servers\":\"127.0.0.1:1\"},\"producer\":{\"shard\":\"0/1\"}";
        Files.writeString(file, "{" + base + "}");
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        Clock fixed = Clock.fixed(Instant.parse("2025-01-27T08:00:00Z"), ZoneOffset.UTC);
        try (ProducerRunner runner = new ProducerRunner(reloader, fixed, null)) {
            ProducerService service = runner.service();
            service.observations().start(); // as the service loop does when it starts
            assertThat(observationsOf(runner)).containsEntry("enabled", false).containsEntry("running", false);

            Files.writeString(file, "{" + base + ",\"observations\":{\"enabled\":true,\"interval_seconds\":20}}");
            reloader.reload();
            assertThat(runner.service()).isSameAs(service);
            assertThat(observationsOf(runner)).containsEntry("enabled", true).containsEntry("interval_seconds", 20L);
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(observationsOf(runner).get("running")));

            Files.writeString(file, "{" + base + ",\"observations\":{\"enabled\":false,\"interval_seconds\":20}}");
            reloader.reload();
            assertThat(runner.service()).isSameAs(service);
            assertThat(observationsOf(runner)).containsEntry("enabled", false).containsEntry("running", false);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("producer-observations");
        }
        PipelineConfig config = reloader.current();
        ObservationSettings o = config.observations();
        assertThat(PollingConfig.observationsChanged(config, config.withObservations(new ObservationSettings(o.enabled(), o.interval(),
                o.metrics(), o.maxRequestsPerMinute(), o.topic(), "other_table")))).as("the consumer's table").isFalse();
        assertThat(PollingConfig.changed(config, config.withObservations(ENABLED))).as("never the poll loop").isFalse();
    }

    @Test
    void theStatusHasAnObservationsObject() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"oauth\":{\"base_url\":\"http://127.0.0.1:1\",\"login_url\":\"http://127.0.0.1:1\","
                + "\"client_id\":\"i\",\"client_secret\":\"s\"},\"kafka\":{\"bootstrap_servers\":\"127.0.0.1:1\"},"
                + "\"producer\":{\"shard\":\"0/1\"}}");
        ConfigReloader reloader = ConfigReloader.load(file, new ConfigLoader(Map.of()));
        try (ProducerRunner runner = new ProducerRunner(reloader, Clock.systemUTC(), null)) {
            Map<String, Object> status = observationsOf(runner);

            assertThat(status).containsOnlyKeys("enabled", "running", "interval_seconds", "last_snapshot_at", "snapshots",
                    "queries_skipped", "records_published", "last_error");
            assertThat(status.get("snapshots")).isEqualTo(Map.of("complete", 0L, "partial", 0L, "failed", 0L));
            assertThat(runner.status()).containsKeys("service", "state", "records_published", "api_requests", "checkpoints");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> observationsOf(ProducerRunner runner) {
        return (Map<String, Object>) runner.status().get("observations");
    }
}
