package org.queueanalytics.producer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.producer.KafkaFreeProducer;
import org.queueanalytics.producer.PollReport;
import org.queueanalytics.producer.ProducerService;

/**
 * Measures how many Genesys Cloud API requests the producer makes for 1,000 queues at the default
 * settings (PT30M, lookback 21,600 s, deep lookback 345,600 s, max_requests_per_minute raised so
 * that nothing waits): the first live cycle (which includes the deep lookback), a normal live cycle
 * right after it, and a 30-day backfill. Requests are counted by the emulator, per endpoint and
 * status; records are counted and dropped (no Kafka needed — it does not change the requests).
 *
 * <p>Not part of the build: run it on purpose with
 * {@code ./mvnw -B -o -pl producer test -Dtest=RequestCountReport -Dbenchmark.excludedGroups=}
 * (the report is printed and written to {@code producer/target/request-count-report.txt}).
 */
@Tag("benchmark")
class RequestCountReport {
    static final int QUEUES = 1000;
    static final int BACKFILL_DAYS = 30;

    @Test
    void report() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(QUEUES).seed(42).rateLimitPerMinute(1_000_000)
                .build().start()) {
            PipelineConfig config = defaults(emulator);
            lines.add("Genesys API requests for " + QUEUES + " queues (emulator; interval " + config.analytics().interval()
                    + ", lookback " + config.analytics().lookback().toSeconds() + " s, deep lookback "
                    + config.analytics().deepLookback().toSeconds() + " s)");
            lines.add(String.format("%-40s %8s %8s %8s %8s %8s %10s %8s", "run", "windows", "token", "routing", "aggr.",
                    "total", "records", "seconds"));

            try (ProducerService producer = KafkaFreeProducer.create(config, Clock.systemUTC())) {
                Counts start = Counts.of(emulator);
                PollReport first = producer.runOnce();
                Counts afterFirst = Counts.of(emulator);
                emulator.clearServed(); // the emulator's ledger of served values is not needed here, and it grows
                lines.add(row("first live cycle (with deep re-poll)", first, afterFirst.minus(start)));

                PollReport normal = producer.runOnce();
                lines.add(row("normal live cycle", normal, Counts.of(emulator).minus(afterFirst)));
                emulator.clearServed();
            }
            try (ProducerService producer = KafkaFreeProducer.create(config, Clock.systemUTC())) {
                Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
                Instant from = to.minus(Duration.ofDays(BACKFILL_DAYS));
                Counts start = Counts.of(emulator);
                PollReport backfill = producer.backfill(from, to, (done, total, records) -> emulator.clearServed());
                lines.add(row(BACKFILL_DAYS + "-day backfill " + from.toString().substring(0, 10) + " .. "
                        + to.toString().substring(0, 10), backfill, Counts.of(emulator).minus(start)));
            }
            lines.add("statuses seen: " + emulator.requestCounts());
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        lines.forEach(out::println);
        write(lines);
    }

    /** The documented defaults, pointed at the emulator; only the client-side budget is raised so nothing waits. */
    private static PipelineConfig defaults(GenesysEmulator emulator) throws Exception {
        String json = """
                {"oauth":{"base_url":"%s","login_url":"%s","client_id":"%s","client_secret":"%s"},
                 "analytics":{"max_requests_per_minute":100000}}
                """.formatted(emulator.baseUrl(), emulator.baseUrl(), emulator.credentials().clientId(),
                emulator.credentials().clientSecret());
        return new ConfigLoader(Map.of()).parse(json, "request-count report");
    }

    private static String row(String run, PollReport report, Counts counts) {
        return String.format("%-40s %8d %8d %8d %8d %8d %10d %8.1f", run, report.windows(), counts.token, counts.routing,
                counts.aggregates, counts.routing + counts.aggregates, report.records(), counts.seconds);
    }

    private static void write(List<String> lines) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("request-count-report.txt"), lines, StandardCharsets.UTF_8);
        }
    }

    /** Requests the emulator answered so far (every status), per endpoint, and when. */
    private record Counts(long token, long routing, long aggregates, double seconds) {
        static Counts of(GenesysEmulator emulator) {
            return new Counts(emulator.requestCount(Endpoints.TOKEN), emulator.requestCount(Endpoints.ROUTING_QUEUES),
                    emulator.requestCount(Endpoints.AGGREGATES), System.nanoTime() / 1e9);
        }

        Counts minus(Counts earlier) {
            return new Counts(token - earlier.token, routing - earlier.routing, aggregates - earlier.aggregates,
                    seconds - earlier.seconds);
        }
    }
}
