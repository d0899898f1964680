package org.queueanalytics.consumer.clickhouse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.compression.BodyEncoding;
import org.queueanalytics.consumer.clickhouse.compression.BodyEncodings;
import org.queueanalytics.consumer.clickhouse.compression.EncodedBody;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;

/**
 * A quick single-thread throughput check of VALUES rendering + body encoding (not a test:
 * run it by hand, e.g. {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.queueanalytics.consumer.clickhouse.EncodeThroughput}). Prints rows/s per compression.
 */
public final class EncodeThroughput {
    private EncodeThroughput() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        List<QueueIntervalRecord> batch = realisticBatch(rows);
        ValuesEncoder values = new ValuesEncoder("analytics.queue_analytics");
        List<Compression> modes = List.of(Compression.NONE, Compression.LZ4, Compression.LZ4_FRAME, Compression.GZIP, Compression.LZ4);
        for (Compression compression : modes) {
            BodyEncoding encoding = BodyEncodings.forCompression(compression);
            long sqlBytes = 0;
            long wireBytes = 0;
            for (int warmup = 0; warmup < 30; warmup++) {
                ByteSink sql = values.encode(batch);
                encoding.encode(sql.array(), 0, sql.length());
            }
            int rounds = 60;
            long renderNanos = 0;
            long started = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                ByteSink sql = values.encode(batch);
                renderNanos += System.nanoTime() - t0;
                EncodedBody body = encoding.encode(sql.array(), 0, sql.length());
                sqlBytes = sql.length();
                wireBytes = body.length();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double encodeSeconds = seconds - renderNanos / 1e9;
            System.out.printf("%-9s %,10.0f rows/s render+encode | render alone %,10.0f rows/s | encode alone %,7.0f MB/s"
                            + " | %,d B SQL -> %,d B on the wire for %,d rows%n",
                    compression.configName(), rounds * (double) rows / seconds, rounds * (double) rows / (renderNanos / 1e9),
                    rounds * (double) sqlBytes / encodeSeconds / 1e6, sqlBytes, wireBytes, rows);
        }
    }

    static List<QueueIntervalRecord> realisticBatch(int rows) {
        Random random = new Random(1);
        Instant start = Instant.parse("2025-01-27T00:00:00Z");
        List<QueueIntervalRecord> batch = new ArrayList<>(rows);
        String[] media = {"voice", "chat", "email", "message", "callback"};
        for (int i = 0; i < rows; i++) {
            long offered = random.nextInt(300);
            long answered = offered == 0 ? 0 : random.nextInt((int) offered + 1);
            long denominator = Math.max(1, answered);
            long numerator = random.nextInt((int) denominator + 1);
            Instant s = start.plus(Duration.ofMinutes(30L * (i % 96)));
            batch.add(QueueIntervalRecord.builder()
                    .queueId("05f1c285-2b7e-4c1e-9f0a-" + String.format("%012d", i % 500))
                    .queueName("Customer Service " + (i % 500)).mediaType(media[i % media.length]).intervalStart(s)
                    .intervalEnd(s.plus(Duration.ofMinutes(30))).granularity("PT30M")
                    .fetchedAt(Instant.parse("2025-01-27T08:35:12.345Z").plusMillis(i)).offered(offered)
                    .answered(answered).abandoned(offered - answered).serviceLevelPct(100.0 * numerator / denominator)
                    .shortAbandoned(random.nextInt(5)).flowOuts(random.nextInt(5)).overSla(random.nextInt(20))
                    .slNumerator(numerator).slDenominator(denominator).slTarget(0.8)
                    .answerTimeMs(random.nextInt(1_000_000)).waitTimeMs(random.nextInt(5_000_000))
                    .talkTimeMs(random.nextInt(50_000_000)).holdTimeMs(random.nextInt(1_000_000))
                    .acwTimeMs(random.nextInt(2_000_000)).handleTimeMs(random.nextInt(60_000_000))
                    .handleCount(answered).transferred(random.nextInt(10)).build());
        }
        return batch;
    }
}
