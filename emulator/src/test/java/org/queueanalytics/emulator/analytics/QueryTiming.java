package org.queueanalytics.emulator.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.queueanalytics.emulator.queues.QueueCatalog;

/** Prints the time to answer one query of 100 queues × all media × 6 hours at PT30M (not a test). */
public final class QueryTiming {
    public static void main(String[] args) {
        QueueCatalog catalog = QueueCatalog.generate(42, 100, 0);
        Instant start = Instant.parse("2025-01-27T08:00:00Z");
        AggregateQuery query = new AggregateQuery(start, start.plus(Duration.ofHours(6)), Duration.ofMinutes(30),
                ZoneOffset.UTC, List.of(AggregateQuery.QUEUE_ID, AggregateQuery.MEDIA_TYPE), QueryFilter.matchAll(),
                Arrays.asList(Metric.values()));
        Instant now = Instant.parse("2025-01-28T08:00:00Z");
        long cold = System.nanoTime();
        AggregatesEngine engine = new AggregatesEngine(catalog, new ContactGenerator(42), IngestionModel.DELAYED,
                ServiceLevelOptions.DEFAULT);
        engine.run(query, now);
        System.out.printf("cold: %.1f ms%n", (System.nanoTime() - cold) / 1e6);
        for (int i = 0; i < 50; i++) {
            engine.run(query, now);
        }
        long[] runs = new long[101];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            engine.run(query, now);
            runs[i] = System.nanoTime() - t;
        }
        Arrays.sort(runs);
        System.out.printf("warm median: %.2f ms, p90 %.2f ms%n", runs[50] / 1e6, runs[90] / 1e6);
    }
}
