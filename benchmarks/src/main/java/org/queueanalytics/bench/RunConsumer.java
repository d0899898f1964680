package org.queueanalytics.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.ConsumerMode;
import org.queueanalytics.consumer.ConsumerService;
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

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunConsumer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JvmStats stats = new JvmStats();
        ConfigReloader reloader = ConfigReloader.load(config, ConfigLoader.fromSystemEnvironment());
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
        long firstInsert = 0;
        long lastReport = started;
        long samples = 0;
        boolean finished;
        try (ConsumerService service = new ConsumerService(reloader, ConsumerMode.replay(null, true))) {
            service.start(false);
            while (!(finished = service.awaitLoopEnd(Duration.ofMillis(50))) && System.nanoTime() < deadline) {
                stats.sample();
                long now = System.nanoTime();
                if (++samples % 20 == 0) {
                    stats.sampleThreads();
                }
                if (firstInsert == 0 && service.metrics().rowsInserted() > 0) {
                    firstInsert = now;
                }
                if (now - lastReport > 5_000_000_000L) {
                    lastReport = now;
                    System.err.printf("consumer: %,d records read, %,d rows inserted, heap %,d MB%n",
                            service.metrics().recordsConsumed(), service.metrics().rowsInserted(),
                            Runtime.getRuntime().totalMemory() / 1_000_000 - Runtime.getRuntime().freeMemory() / 1_000_000);
                }
            }
            long ended = System.nanoTime();
            stats.sample();
            stats.sampleThreads();
            System.err.println("consumer: CPU seconds of the busiest threads: " + stats.busiestThreads(8));
            System.err.println("consumer: CPU seconds of live threads by kind: " + JvmStats.cpuByThreadKind());
            long rows = service.metrics().rowsInserted();
            System.out.printf("consumer_rows=%d%n", rows);
            System.out.printf("consumer_records=%d%n", service.metrics().recordsConsumed());
            System.out.printf("consumer_dlq=%d%n", service.metrics().deadLetters());
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
            if (rows + service.metrics().deadLetters() != expect) {
                System.err.printf("consumer: stored %d rows and %d dead letters, expected %d records%n", rows,
                        service.metrics().deadLetters(), expect);
                return 1;
            }
        }
        return 0;
    }
}
