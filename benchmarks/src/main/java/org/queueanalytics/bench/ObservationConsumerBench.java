package org.queueanalytics.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.kafka.TopicProvisioner;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.ingest.IngestMetrics;
import org.queueanalytics.producer.publish.KafkaRecordPublisher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the consumer stores live-state observations: publishes {@code --records} synthetic snapshots
 * ({@code --queues} queues, one snapshot every 15 s, the default metrics for 1–5 media types per queue, agents by
 * routing status) to the observations topic as the producer does, then runs the real {@link ConsumerService} with
 * {@code observations.enabled} in this JVM until its observations pipeline stored them all, and checks
 * {@code count() … FINAL} in ClickHouse. Prints {@code key=value} lines; exit 1 when a row is missing.
 */
@Command(name = "ObservationConsumerBench", mixinStandardHelpOptions = true,
        description = "Loads synthetic live-state observations into Kafka and times the consumer storing them.")
public final class ObservationConsumerBench implements Callable<Integer> {
    private static final List<String> MEDIA = List.of("voice", "chat", "email", "message", "callback");
    private static final Instant START = Instant.parse("2026-11-18T08:00:00.250Z");

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--clickhouse", required = true, description = "ClickHouse HTTP URL")
    String clickhouse;
    @Option(names = "--records", defaultValue = "1000000")
    long records;
    @Option(names = "--queues", defaultValue = "1000")
    int queues;
    @Option(names = "--work-dir", required = true, description = "where the consumer's config file is written")
    Path workDir;
    @Option(names = "--timeout-seconds", defaultValue = "1800")
    long timeoutSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ObservationConsumerBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String topic = "bench.observations." + run;
        String table = "queue_observations_" + run;
        Path config = workDir.resolve("observations-consumer.json");
        Files.writeString(config, """
                {
                  "oauth": {"base_url": "http://127.0.0.1:9", "login_url": "http://127.0.0.1:9", "client_id": "bench", "client_secret": "bench"},
                  "kafka": {"bootstrap_servers": "%1$s", "topic": "bench.intervals.%2$s", "dlq_topic": "bench.intervals.%2$s.dlq",
                            "group_id": "bench-%2$s"},
                  "clickhouse": {"url": "%3$s", "database": "bench", "compression": "lz4"},
                  "observations": {"enabled": true, "topic": "%4$s", "table_name": "%5$s"},
                  "admin": {"host": "127.0.0.1", "port": 0}
                }
                """.formatted(bootstrap, run, clickhouse, topic, table), StandardCharsets.UTF_8);
        PipelineConfig pipeline = new ConfigLoader(Map.of()).load(config);
        long loaded = load(pipeline.kafka(), topic);

        JvmStats stats = new JvmStats();
        ConfigReloader reloader = ConfigReloader.load(config, new ConfigLoader(Map.of()));
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
        long stored;
        long deadLetters;
        try (ConsumerService service = new ConsumerService(reloader, ConsumerMode.live())) {
            service.start(false);
            IngestMetrics metrics = service.observationMetrics().orElseThrow();
            long lastReport = started;
            while (metrics.rowsInserted() + metrics.deadLetters() < records && System.nanoTime() < deadline) {
                Thread.sleep(50); // sampling interval of the heap and CPU statistics
                stats.sample();
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.err.printf("consumer: %,d observation rows stored%n", metrics.rowsInserted());
                }
            }
            long ended = System.nanoTime();
            stats.sample();
            stored = metrics.rowsInserted();
            deadLetters = metrics.deadLetters();
            System.out.printf("records=%d%nvalue_bytes=%d%nqueues=%d%n", records, loaded, queues);
            System.out.printf("consumer_seconds=%.3f%n", (ended - started) / 1e9);
            System.out.printf("rows_per_second=%.0f%n", stored / ((ended - started) / 1e9));
            System.out.printf("consumer_cpu_seconds=%.3f%n", stats.cpuNanosSinceStart() / 1e9);
            System.out.printf("cpu_us_per_row=%.2f%n", stats.cpuNanosSinceStart() / 1e3 / Math.max(1, stored));
            System.out.printf("peak_heap_bytes=%d%npeak_live_heap_bytes=%d%nmax_heap_bytes=%d%n", stats.peakHeapUsed(),
                    stats.peakHeapAfterGc(), JvmStats.maxHeap());
            System.out.printf("wire_bytes=%.0f%nsql_bytes=%.0f%n", counter(service, "consumer_observation_insert_wire_bytes"),
                    counter(service, "consumer_observation_insert_sql_bytes"));
        }
        ClickHouseClient ch = new ClickHouseClient(pipeline.clickhouse());
        long finalCount = Long.parseLong(ch.query("SELECT count() FROM bench." + table + " FINAL").trim());
        System.out.printf("rows_stored=%d%ndead_letters=%d%nfinal_count=%d%n", stored, deadLetters, finalCount);
        ch.execute("DROP TABLE bench." + table);
        if (finalCount != records || deadLetters != 0) {
            System.err.printf("observations: %d records published, %d rows through FINAL, %d dead letters%n", records, finalCount,
                    deadLetters);
            return 1;
        }
        return 0;
    }

    private static double counter(ConsumerService service, String name) {
        return service.registry().get(name).counter().count();
    }

    /** Publishes the records as the producer does (key = queue id, idempotent, acks=all); returns the value bytes. */
    private long load(KafkaSettings kafka, String topic) throws Exception {
        TopicProvisioner.ensure(kafka, List.of(new NewTopic(topic, kafka.partitions(), (short) 1)));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] bytes = {0};
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaRecordPublisher.producerConfig(kafka, "bench-observations"))) {
            snapshots(records, queues, record -> {
                byte[] value = ObservationJson.toBytes(record);
                bytes[0] += value.length;
                producer.send(new ProducerRecord<>(topic, record.queueId(), value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a record: " + failure.get().getMessage(), failure.get());
        }
        System.err.printf("loaded %,d observation records (%,d bytes) in %.1f s%n", records, bytes[0], (System.nanoTime() - started) / 1e9);
        return bytes[0];
    }

    /** The first {@code limit} rows of snapshots 15 s apart of {@code queues} queues, as Genesys answers them. */
    static void snapshots(long limit, int queues, Consumer<QueueObservationRecord> out) {
        Random random = new Random(16);
        long emitted = 0;
        for (int s = 0; emitted < limit; s++) {
            Instant at = START.plusSeconds(15L * s);
            for (int q = 0; q < queues && emitted < limit; q++) {
                String id = String.format("%08x-0000-4000-8000-%012x", q, q);
                String name = q % 7 == 0 ? "Støtte 'Premium' 📞 " + q : "Customer Service " + q;
                List<QueueObservationRecord> rows = new java.util.ArrayList<>();
                for (String media : MEDIA.subList(0, 1 + q % MEDIA.size())) {
                    int waiting = random.nextInt(6);
                    int interacting = random.nextInt(12);
                    rows.add(QueueObservationRecord.of(id, name, media, "oWaiting", "", waiting, null, at));
                    rows.add(QueueObservationRecord.of(id, name, media, "oInteracting", "", interacting, null, at));
                    rows.add(QueueObservationRecord.of(id, name, media, "oAlerting", "", random.nextInt(3), null, at));
                    rows.add(QueueObservationRecord.of(id, name, media, "oLongestWaiting", "", waiting,
                            waiting == 0 ? null : at.toEpochMilli() - random.nextInt(600_000), at));
                    rows.add(QueueObservationRecord.of(id, name, media, "oLongestInteracting", "", interacting,
                            interacting == 0 ? null : at.toEpochMilli() - random.nextInt(3_600_000), at));
                }
                for (String status : List.of("IDLE", "INTERACTING", "NOT_RESPONDING")) {
                    rows.add(QueueObservationRecord.of(id, name, "", "oOnQueueUsers", status, random.nextInt(10), null, at));
                }
                rows.add(QueueObservationRecord.of(id, name, "", "oActiveUsers", "", random.nextInt(20), null, at));
                rows.add(QueueObservationRecord.of(id, name, "", "oMemberUsers", "", 20, null, at));
                for (QueueObservationRecord row : rows) {
                    if (emitted++ < limit) {
                        out.accept(row);
                    }
                }
            }
        }
    }
}
