package org.queueanalytics.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.producer.PollReport;
import org.queueanalytics.producer.ProducerService;
import org.queueanalytics.producer.publish.ProducerTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Producer figures against the Genesys emulator and a real Kafka broker (and, for freshness, the
 * real consumer and a real ClickHouse), through the production {@link ProducerService}:
 *
 * <ol>
 *   <li><b>Requests and records/s</b> for each {@code --queues} count: the first live cycle (which
 *       includes the daily deep re-poll of 4 days) and a normal live cycle right after it, at the
 *       default settings (PT30M, 6 h lookback) except the client-side request budget, raised so
 *       that nothing waits — requests are what a cycle needs, records/s what the producer does
 *       with them (Genesys calls, mapping, publishing to Kafka with acks). Requests are counted
 *       by the emulator per endpoint, like producer/src/test/…/bench/RequestCountReport (which
 *       counts the same cycles without Kafka).</li>
 *   <li><b>Freshness</b>: emulator answer → row visible in ClickHouse, at default settings
 *       (budget 250 requests/min, batch 50,000 rows / 16 MiB / linger 1 s): with the consumer
 *       running live, the producer runs its first live cycle and then more, 3 s apart; a poller counts rows per {@code fetched_at}
 *       every 100 ms. A row's answer time is the emulator's {@code servedAt}; its visibility is
 *       the poll at which its window's row count first included it (rows of one window are
 *       assigned to the count increments in the order they were served).</li>
 * </ol>
 * Prints {@code key=value} lines on stdout.
 */
@Command(name = "ProducerBench", mixinStandardHelpOptions = true,
        description = "Producer requests per cycle, records/s and end-to-end freshness against the emulator.")
public final class ProducerBench implements Callable<Integer> {
    private static final Duration VISIBILITY_POLL = Duration.ofMillis(100);

    @Option(names = "--bootstrap", required = true)
    String bootstrap;
    @Option(names = "--clickhouse", description = "ClickHouse HTTP URL; without it no freshness figures")
    URI clickhouse;
    @Option(names = "--queues", split = ",", defaultValue = "1000,5000", description = "0 = skip this part")
    List<Integer> queueCounts;
    @Option(names = "--freshness-queues", defaultValue = "200")
    int freshnessQueues;
    @Option(names = "--freshness-cycles", defaultValue = "4", description = "live cycles after the first one")
    int freshnessCycles;
    @Option(names = "--work-dir", required = true)
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(workDir);
        for (int queues : queueCounts) {
            if (queues > 0) {
                cycles(queues);
            }
        }
        if (clickhouse != null) {
            freshness(freshnessQueues);
        }
        return 0;
    }

    // --- requests per cycle and records/s ---------------------------------------------------

    private void cycles(int queues) throws Exception {
        String topic = "bench.producer." + queues + "." + System.currentTimeMillis();
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(queues).seed(42).rateLimitPerMinute(1_000_000)
                .build().start()) {
            PipelineConfig config = new ConfigLoader(Map.of()).parse(producerJson(emulator, topic, 100_000), "producer bench");
            System.err.printf("producer: %d queues, first live cycle%n", queues);
            try (ProducerService producer = ProducerService.create(config, Clock.systemUTC())) {
                Counts before = Counts.of(emulator);
                PollReport first = producer.runOnce();
                Counts afterFirst = Counts.of(emulator);
                emulator.clearServed();
                report("producer." + queues + ".first", first, afterFirst.minus(before));
                System.err.printf("producer: %d queues, normal live cycle%n", queues);
                PollReport normal = producer.runOnce();
                report("producer." + queues + ".normal", normal, Counts.of(emulator).minus(afterFirst));
                emulator.clearServed();
            }
        }
    }

    private static void report(String prefix, PollReport report, Counts counts) {
        System.out.printf(Locale.ROOT, "%s.windows=%d%n%s.records=%d%n%s.token=%d%n%s.routing=%d%n%s.aggregates=%d%n%s.seconds=%.3f%n",
                prefix, report.windows(), prefix, report.records(), prefix, counts.token(), prefix, counts.routing(), prefix,
                counts.aggregates(), prefix, counts.seconds());
    }

    private record Counts(long token, long routing, long aggregates, double seconds) {
        static Counts of(GenesysEmulator emulator) {
            return new Counts(emulator.requestCount(Endpoints.TOKEN),
                    emulator.requestCount(Endpoints.ROUTING_QUEUES) + emulator.requestCount(Endpoints.ROUTING_QUEUE),
                    emulator.requestCount(Endpoints.AGGREGATES), System.nanoTime() / 1e9);
        }

        Counts minus(Counts earlier) {
            return new Counts(token - earlier.token, routing - earlier.routing, aggregates - earlier.aggregates,
                    seconds - earlier.seconds);
        }
    }

    // --- freshness --------------------------------------------------------------------------

    private void freshness(int queues) throws Exception {
        String stamp = Long.toString(System.currentTimeMillis());
        String topic = "bench.freshness." + stamp;
        String table = "freshness_" + stamp;
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(queues).seed(7).build().start()) {
            Path configFile = workDir.resolve("freshness-" + stamp + ".json");
            Files.writeString(configFile, pipelineJson(emulator, topic, table));
            ConfigReloader reloader = ConfigReloader.load(configFile, ConfigLoader.fromSystemEnvironment());
            PipelineConfig config = reloader.current();
            List<List<ServedInterval>> servedPerCycle = new ArrayList<>();
            List<PollReport> reports = new ArrayList<>();
            List<List<Row>> rowsPerCycle = new ArrayList<>();
            Visibility visibility = new Visibility("bench." + table);
            ProducerTopics.ensureTopics(config.kafka()); // what the producer does first; the consumer needs the topic
            try (ConsumerService consumer = new ConsumerService(reloader, ConsumerMode.live());
                 ProducerService producer = ProducerService.create(config, Clock.systemUTC())) {
                consumer.start(false);
                Thread poller = new Thread(visibility, "visibility-poller");
                poller.setDaemon(true);
                poller.start();
                for (int cycle = 0; cycle <= freshnessCycles; cycle++) {
                    if (cycle > 0) {
                        Thread.sleep(3_000);
                    }
                    System.err.printf("freshness: %d queues, live cycle %d of %d%s%n", queues, cycle + 1, freshnessCycles + 1,
                            cycle == 0 ? " (with the deep re-poll)" : "");
                    long cycleStart = System.currentTimeMillis();
                    PollReport report = producer.runOnce();
                    reports.add(report);
                    servedPerCycle.add(emulator.served());
                    emulator.clearServed();
                    visibility.awaitRows(cycleStart, report.records(), Duration.ofMinutes(cycle == 0 ? 10 : 5));
                    // This cycle's rows now, before the next cycle's newer versions let ReplacingMergeTree merge them away.
                    rowsPerCycle.add(rows("bench." + table, cycleStart));
                }
                visibility.stop();
            }
            List<Long> first = new ArrayList<>();
            List<Long> live = new ArrayList<>();
            for (int cycle = 0; cycle < servedPerCycle.size(); cycle++) {
                (cycle == 0 ? first : live).addAll(visibility.freshness(servedPerCycle.get(cycle), rowsPerCycle.get(cycle)));
            }
            System.out.printf("freshness.queues=%d%nfreshness.cycles=%d%n", queues, freshnessCycles);
            for (int cycle = 0; cycle < reports.size(); cycle++) {
                System.out.printf("freshness.cycle%d.records=%d%n", cycle, reports.get(cycle).records());
            }
            printPercentiles("freshness.first", first);
            printPercentiles("freshness.live", live);
            clickhouse("DROP TABLE IF EXISTS bench." + table);
        }
    }

    private static void printPercentiles(String prefix, List<Long> millis) {
        if (millis.isEmpty()) {
            System.out.printf("%s.rows=0%n", prefix);
            return;
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        System.out.printf("%s.rows=%d%n%s.p50_ms=%d%n%s.p99_ms=%d%n%s.max_ms=%d%n%s.min_ms=%d%n", prefix, sorted.size(), prefix,
                percentile(sorted, 0.50), prefix, percentile(sorted, 0.99), prefix, sorted.get(sorted.size() - 1), prefix,
                sorted.get(0));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** A stored row: its key and version. */
    private record Row(String queueId, String mediaType, long start, long end, long fetchedAt) {
    }

    /** The rows of the windows fetched since {@code sinceMillis}. */
    private List<Row> rows(String table, long sinceMillis) throws Exception {
        String tsv = clickhouse("SELECT queue_id, media_type, toUnixTimestamp(interval_start), toUnixTimestamp(interval_end), "
                + "fetched_at FROM " + table + " WHERE fetched_at >= " + sinceMillis + " FORMAT TabSeparated");
        List<Row> rows = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
        }
        return rows;
    }

    /** Counts rows per {@code fetched_at} every 100 ms and remembers when each count was first seen. */
    private final class Visibility implements Runnable {
        private final String table;
        private final AtomicBoolean running = new AtomicBoolean(true);
        /** fetched_at → (wall-clock ms of the poll, row count then), in poll order. */
        private final Map<Long, List<long[]>> counts = new ConcurrentHashMap<>();

        Visibility(String table) {
            this.table = table;
        }

        @Override
        public void run() {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    // Only the partitions a cycle writes (its intervals are at most 5 days old), so the poll stays
                    // cheap for ClickHouse however many days the table holds.
                    String tsv = clickhouse("SELECT fetched_at, count() FROM " + table + " WHERE event_time >= toDateTime("
                            + (System.currentTimeMillis() / 1000 - 5 * 86_400) + ") GROUP BY fetched_at FORMAT TabSeparated");
                    long now = System.currentTimeMillis();
                    for (String line : tsv.split("\n")) {
                        if (line.isEmpty()) {
                            continue;
                        }
                        String[] f = line.split("\t");
                        long version = Long.parseLong(f[0]);
                        long count = Long.parseLong(f[1]);
                        // Only increases: a newer version of a key makes ReplacingMergeTree merge older rows away,
                        // which lowers an older window's count — rows that were visible stay counted as seen.
                        List<long[]> seen = counts.computeIfAbsent(version, v -> new CopyOnWriteArrayList<>());
                        if (seen.isEmpty() || seen.get(seen.size() - 1)[1] < count) {
                            seen.add(new long[] {now, count});
                        }
                    }
                } catch (Exception e) {
                    // the table may not exist yet: the consumer creates it
                }
                long sleep = VISIBILITY_POLL.toMillis() - (System.nanoTime() - started) / 1_000_000;
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        void stop() {
            running.set(false);
        }

        /** Waits until the windows fetched since {@code sinceMillis} have shown {@code expected} rows. */
        void awaitRows(long sinceMillis, long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long seen = 0;
            while (System.nanoTime() < deadline) {
                seen = counts.entrySet().stream().filter(e -> e.getKey() >= sinceMillis && !e.getValue().isEmpty())
                        .mapToLong(e -> e.getValue().get(e.getValue().size() - 1)[1]).sum();
                if (seen >= expected) {
                    return;
                }
                Thread.sleep(50);
            }
            System.err.printf("freshness: only %d of %d rows of the cycle seen after %s%n", seen, expected, timeout);
        }

        /** Milliseconds from each served bucket to its row's visibility. */
        List<Long> freshness(List<ServedInterval> served, List<Row> rows) {
            Map<String, List<Long>> versionsByKey = new HashMap<>();
            for (Row r : rows) {
                versionsByKey.computeIfAbsent(key(r.queueId(), r.mediaType(), r.start(), r.end()), k -> new ArrayList<>())
                        .add(r.fetchedAt());
            }
            versionsByKey.values().forEach(v -> v.sort(null));
            Map<Long, List<ServedInterval>> byVersion = new TreeMap<>();
            for (ServedInterval s : served) {
                List<Long> versions = versionsByKey.get(key(s.queueId(), s.mediaType(), s.intervalStart().getEpochSecond(),
                        s.intervalEnd().getEpochSecond()));
                if (versions == null) {
                    continue; // a bucket the producer does not publish (e.g. a media type filtered out)
                }
                long servedMs = s.servedAt().toEpochMilli();
                versions.stream().filter(v -> v >= servedMs).findFirst()
                        .ifPresent(v -> byVersion.computeIfAbsent(v, x -> new ArrayList<>()).add(s));
            }
            List<Long> out = new ArrayList<>();
            byVersion.forEach((version, group) -> {
                group.sort(Comparator.comparing(ServedInterval::servedAt));
                List<long[]> seen = counts.getOrDefault(version, List.of());
                int next = 0;
                for (int i = 0; i < group.size(); i++) {
                    while (next < seen.size() && seen.get(next)[1] <= i) {
                        next++;
                    }
                    if (next < seen.size()) {
                        out.add(seen.get(next)[0] - group.get(i).servedAt().toEpochMilli());
                    }
                }
            });
            return out;
        }
    }

    private static String key(String queueId, String mediaType, long start, long end) {
        return queueId + '\u0000' + mediaType + '\u0000' + start + '\u0000' + end;
    }

    private String clickhouse(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(clickhouse + "/?log_queries=0&query="
                        + URLEncoder.encode(sql, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    // --- configuration ----------------------------------------------------------------------

    private String producerJson(GenesysEmulator emulator, String topic, int maxRequestsPerMinute) {
        return """
                {"oauth": {"base_url": "%s", "login_url": "%s", "client_id": "%s", "client_secret": "%s"},
                 "analytics": {"max_requests_per_minute": %d},
                 "kafka": {"bootstrap_servers": "%s", "topic": "%s", "dlq_topic": "%s.dlq"},
                 "admin": {"host": "127.0.0.1", "port": 0}}
                """.formatted(emulator.baseUrl(), emulator.baseUrl(), emulator.credentials().clientId(),
                emulator.credentials().clientSecret(), maxRequestsPerMinute, bootstrap, topic, topic);
    }

    /** Default settings everywhere but the addresses and names. */
    private String pipelineJson(GenesysEmulator emulator, String topic, String table) {
        return """
                {"oauth": {"base_url": "%s", "login_url": "%s", "client_id": "%s", "client_secret": "%s"},
                 "kafka": {"bootstrap_servers": "%s", "topic": "%s", "dlq_topic": "%s.dlq", "group_id": "%s"},
                 "clickhouse": {"url": "%s/?log_queries=1", "database": "bench", "table_name": "%s"},
                 "admin": {"host": "127.0.0.1", "port": 0}}
                """.formatted(emulator.baseUrl(), emulator.baseUrl(), emulator.credentials().clientId(),
                emulator.credentials().clientSecret(), bootstrap, topic, topic, "freshness-" + table, clickhouse, table);
    }
}
