package org.queueanalytics.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.ingest.IngestMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the real consumer — {@link ConsumerService}, wired exactly as {@code consumer.jar replay
 * --from-beginning --until-caught-up} wires it — in this JVM, and measures it from the inside:
 * wall time from {@code start()} until the poll loop ends caught up, process CPU time, peak heap
 * (sampled every 50 ms, and just after each GC), GC count and time. Run it with the JVM options under
 * test (e.g. {@code -Xmx256m}). Prints {@code key=value} lines on stdout; exit 1 when the rows
 * stored differ from {@code --expect} or the timeout passes.
 *
 * <p>{@code --kind observations}: the config enables {@code observations}, and the figures are the
 * live-state pipeline's. Replay does not run that pipeline, so the service runs live, and the run
 * ends when its rows (and dead letters) reach {@code --expect} and its consumer group has committed
 * the end of every partition of {@code observations.topic} ({@link CommitWatch}).
 */
@Command(name = "RunConsumer", mixinStandardHelpOptions = true,
        description = "Runs the consumer in replay-until-caught-up mode and reports time, CPU and heap.")
public final class RunConsumer implements Callable<Integer> {
    @Option(names = "--config", required = true)
    Path config;
    @Option(names = "--expect", required = true, description = "records in the topic")
    long expect;
    @Option(names = "--timeout-seconds", defaultValue = "3600")
    long timeoutSeconds;
    @Option(names = "--kind", defaultValue = "intervals", description = "intervals or observations: the pipeline measured")
    LoadTopic.Kind kind;

    /** Waits a moment (the sampling interval, 50 ms) and says whether the measured pipeline is done. */
    private interface Finish {
        boolean await() throws Exception;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunConsumer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JvmStats stats = new JvmStats();
        ConfigReloader reloader = ConfigReloader.load(config, ConfigLoader.fromSystemEnvironment());
        boolean observations = kind == LoadTopic.Kind.observations;
        ConsumerMode mode = observations ? ConsumerMode.live() : ConsumerMode.replay(null, true);
        long firstInsert = 0;
        long samples = 0;
        boolean finished;
        try (CommitWatch commits = observations ? commitWatch(reloader.current()) : null;
             ConsumerService service = new ConsumerService(reloader, mode)) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
            long lastReport = started;
            service.start(false);
            IngestMetrics metrics = observations ? service.observationMetrics().orElseThrow() : service.metrics();
            Finish finish = observations
                    ? () -> {
                        Thread.sleep(50);
                        return metrics.rowsInserted() + metrics.deadLetters() >= expect && commits.allCommitted();
                    }
                    : () -> service.awaitLoopEnd(Duration.ofMillis(50));
            while (!(finished = finish.await()) && System.nanoTime() < deadline) {
                stats.sample();
                long now = System.nanoTime();
                if (++samples % 20 == 0) {
                    stats.sampleThreads();
                }
                if (firstInsert == 0 && metrics.rowsInserted() > 0) {
                    firstInsert = now;
                }
                if (now - lastReport > 5_000_000_000L) {
                    lastReport = now;
                    System.err.printf("consumer: %,d records read, %,d rows inserted, heap %,d MB%n",
                            metrics.recordsConsumed(), metrics.rowsInserted(),
                            Runtime.getRuntime().totalMemory() / 1_000_000 - Runtime.getRuntime().freeMemory() / 1_000_000);
                }
            }
            long ended = System.nanoTime();
            stats.sample();
            stats.sampleThreads();
            System.err.println("consumer: CPU seconds of the busiest threads: " + stats.busiestThreads(8));
            System.err.println("consumer: CPU seconds of live threads by kind: " + JvmStats.cpuByThreadKind());
            long rows = metrics.rowsInserted();
            System.out.printf("consumer_rows=%d%n", rows);
            System.out.printf("consumer_records=%d%n", metrics.recordsConsumed());
            System.out.printf("consumer_dlq=%d%n", metrics.deadLetters());
            System.out.printf("consumer_seconds=%.3f%n", (ended - started) / 1e9);
            System.out.printf("consumer_first_batch_seconds=%.3f%n", firstInsert == 0 ? 0 : (firstInsert - started) / 1e9);
            System.out.printf("consumer_cpu_seconds=%.3f%n", stats.cpuNanosSinceStart() / 1e9);
            System.out.printf("consumer_peak_heap_bytes=%d%n", stats.peakHeapUsed());
            System.out.printf("consumer_peak_live_heap_bytes=%d%n", stats.peakHeapAfterGc());
            System.out.printf("consumer_max_heap_bytes=%d%n", JvmStats.maxHeap());
            System.out.printf("consumer_gc_count=%d%n", JvmStats.gcCount());
            System.out.printf("consumer_gc_ms=%d%n", JvmStats.gcMillis());
            if (!finished) {
                System.err.printf("consumer: not caught up after %d s%n", timeoutSeconds);
                return 1;
            }
            if (rows + metrics.deadLetters() != expect) {
                System.err.printf("consumer: stored %d rows and %d dead letters, expected %d records%n", rows,
                        metrics.deadLetters(), expect);
                return 1;
            }
        }
        return 0;
    }

    /**
     * Watches the observations' consumer group on {@code observations.topic}: {@code <kafka.group_id>.observations}
     * (README "The live-state table"). Made before the clock starts, so its admin client is not measured.
     */
    private static CommitWatch commitWatch(PipelineConfig config) throws Exception {
        if (!config.observations().enabled()) {
            throw new IllegalArgumentException("--kind observations needs \"observations\": {\"enabled\": true} in the config");
        }
        return new CommitWatch(config.kafka(), config.observations().topic(), config.kafka().groupId() + ".observations");
    }
}
