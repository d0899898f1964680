package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.producer.genesys.AggregatesClient;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.genesys.QueueDirectory;
import org.queueanalytics.producer.planning.IntervalPlanner;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.time.StopSignal;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;
import picocli.CommandLine;

/**
 * Progress survives stops: a restarted producer resumes from its checkpoint in Kafka without a
 * gap, and a backfill interrupted half-way resumes after its last finished window — against the
 * Genesys emulator and a real Kafka broker.
 */
@ExtendWith(RealServersExtension.class)
class ProducerProgressIT {
    private final VirtualTime time = new VirtualTime("2025-03-12T16:07:00Z");

    @Test
    void aRestartedProducerPollsOnFromItsCheckpointLeavingNoIntervalUnpolled(RealServers servers, @TempDir Path dir)
            throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(20).seed(31).ingestionDelay(false).clock(time.clock)
                .build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT30M\",\"lookback_seconds\":21600,\"deep_lookback_seconds\":345600}");
            PipelineConfig config = VirtualTime.load(cfg, dir);
            PollReport first;
            try (ProducerService producer = time.producer(config)) {
                first = producer.runOnce(); // the first cycle: the deep lookback, 4 days
            }
            Instant firstStart = Instant.parse("2025-03-08T16:00:00Z");
            assertThat(first.polledUntil()).isEqualTo(Instant.parse("2025-03-12T16:00:00Z")); // 16:00–16:30 was still open
            time.clock.advance(Duration.ofHours(10)); // down for ten hours, longer than the six-hour lookback

            try (ProducerService producer = time.producer(config)) {
                PollReport second = producer.runOnce();

                assertThat(second.windows()).isEqualTo(1); // the deep poll of the first run was read back from Kafka
                assertThat(second.polledUntil()).isEqualTo(Instant.parse("2025-03-13T02:00:00Z"));
                assertThat(producer.status().checkpoints()).containsEntry("live/0/1", Instant.parse("2025-03-13T02:00:00Z"));
            }
            List<QueueIntervalRecord> published = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());
            Instant restartedAt = time.clock.instant();
            // the restarted producer began at its checkpoint minus the lookback, not at "now minus the lookback"
            assertThat(published.stream().filter(r -> r.fetchedAt().equals(restartedAt)).map(QueueIntervalRecord::intervalStart)
                    .min(Comparator.naturalOrder())).contains(first.polledUntil().minus(Duration.ofHours(6)));

            // no gap: the newest published version of every closed interval equals a fresh fetch of the whole span
            Map<String, QueueIntervalRecord> newest = new HashMap<>();
            for (QueueIntervalRecord r : published) {
                newest.merge(key(r), r, (a, b) -> a.fetchedAt().isAfter(b.fetchedAt()) ? a : b);
            }
            newest.values().removeIf(r -> r.intervalEnd().isAfter(Instant.parse("2025-03-13T02:00:00Z")));
            Map<String, QueueIntervalRecord> reference = new HashMap<>();
            for (QueueIntervalRecord r : fetchDirectly(config, firstStart, Instant.parse("2025-03-13T02:00:00Z"))) {
                reference.put(key(r), r);
            }
            assertThat(reference).hasSizeGreaterThan(1000);
            assertThat(newest.keySet()).isEqualTo(reference.keySet());
            reference.forEach((key, expected) -> assertThat(withoutFetchTime(newest.get(key))).as(key)
                    .isEqualTo(withoutFetchTime(expected)));
        }
    }

    @Test
    void aWeekOfBackfillIsResumableAndDeliversEveryServedIntervalOnce(RealServers servers, @TempDir Path dir) throws Exception {
        String from = "2025-03-03T00:00:00Z";
        String to = "2025-03-09T23:59:59Z"; // a week, the last day included
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(12).seed(32).clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString()).analytics("{\"interval\":\"PT30M\"}");
            Path file = cfg.write(dir);

            // 1: stopped (as by SIGTERM) after three of the seven daily windows
            ProducerService interrupted = time.producer(VirtualTime.load(file));
            assertThatThrownBy(() -> interrupted.backfill(Instant.parse(from), Instant.parse(to), (done, total, records) -> {
                if (done == 3) {
                    interrupted.close();
                }
            })).isInstanceOf(InterruptedException.class);
            assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isEqualTo(3);

            // 2: the same command resumes after the third window and exits 0
            Run resumed = backfillCommand(file, from, to);
            assertThat(resumed.exitCode).as(resumed.stderr).isZero();
            assertThat(resumed.stderr).contains("backfill: 1/4 windows").contains("backfill: 4/4 windows")
                    .contains("ETA").contains("done — 4 windows");
            assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isEqualTo(7);

            // 3: once done, running it again polls nothing
            Run again = backfillCommand(file, from, to);
            assertThat(again.exitCode).as(again.stderr).isZero();
            assertThat(again.stderr).contains("done — 0 windows");
            assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isEqualTo(7);

            List<QueueIntervalRecord> published = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());
            assertThat(emulator.served()).hasSizeGreaterThan(1000);
            assertThat(published).hasSize(emulator.served().size());
            assertThat(published.stream().map(ProducerProgressIT::key).distinct().count()).isEqualTo(published.size());
            assertThat(published).allMatch(r -> !r.intervalStart().isBefore(Instant.parse(from))
                    && !r.intervalEnd().isAfter(Instant.parse("2025-03-10T00:00:00Z")));
        }
    }

    private record Run(int exitCode, String stderr) {
    }

    /** {@code producer backfill --config FILE --from ISO --to ISO}, as the jar runs it (system clock, environment overrides). */
    private static Run backfillCommand(Path config, String from, String to) {
        CommandLine cli = ProducerMain.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("backfill", "--config", config.toString(), "--from", from, "--to", to);
        return new Run(code, err.toString());
    }

    /** What Genesys (the emulator) answers now for [from, to), fetched without the producer's planning or checkpoints. */
    private List<QueueIntervalRecord> fetchDirectly(PipelineConfig config, Instant from, Instant to) throws Exception {
        StopSignal stop = new StopSignal();
        GenesysHttpClient http = GenesysHttpClient.create(config.oauth(), 10_000, config.retry(), time.clock, stop);
        List<Queue> queues = new QueueDirectory(http, List.of(), time.clock, Duration.ofHours(1)).queues();
        AggregatesClient aggregates = new AggregatesClient(http, config.analytics().interval(), List.of(), time.clock);
        List<QueueIntervalRecord> records = new ArrayList<>();
        for (TimeWindow window : IntervalPlanner.forSettings(config.analytics(), time.clock).planRange(from, to, null)) {
            records.addAll(aggregates.fetch(queues, window));
        }
        return records;
    }

    private static String key(QueueIntervalRecord r) {
        return r.queueId() + "|" + r.mediaType() + "|" + r.intervalStart() + "|" + r.intervalEnd();
    }

    private static QueueIntervalRecord withoutFetchTime(QueueIntervalRecord r) {
        return r.toBuilder().fetchedAt(Instant.EPOCH).build();
    }
}
