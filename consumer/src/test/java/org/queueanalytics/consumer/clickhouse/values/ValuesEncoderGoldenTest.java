package org.queueanalytics.consumer.clickhouse.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * Pins the exact bytes the encoder renders for a large, adversarial corpus (texts with every
 * escape, controls, non-Latin scripts, emoji, unpaired surrogates, texts repeated and unique;
 * integers of every length and sign; doubles of every kind the validator lets through; instants
 * over two centuries, NULL service levels). The digest was first taken from the encoder before it
 * was optimised for speed (docs/BENCHMARKS.md) and re-taken when the record gained its later
 * metrics and nullable service levels (ClickHouseInsertIT proves those rows round-trip through a
 * real server): any other change to the rendering shows here.
 */
class ValuesEncoderGoldenTest {
    private static final String GOLDEN_SHA256 = "28d03411a5e8f87a30dad68d4e6bf4666a5868bae6ab1396a9eaba39dbf97538";

    @Test
    void rendersTheCorpusByteForByteAsBefore() throws Exception {
        ValuesEncoder encoder = new ValuesEncoder("analytics.queue_analytics");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        String[] repeated = new String[64];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = text(random, 1 + random.nextInt(40));
        }
        for (int batch = 0; batch < 40; batch++) {
            List<QueueIntervalRecord> rows = new ArrayList<>();
            int size = batch == 0 ? 1 : 1 + random.nextInt(2_000);
            for (int i = 0; i < size; i++) {
                rows.add(record(random, repeated));
            }
            ByteSink sql = encoder.encode(rows);
            sha.update(sql.array(), 0, sql.length());
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(GOLDEN_SHA256);
    }

    private static QueueIntervalRecord record(Random random, String[] repeated) {
        Instant start = Instant.ofEpochSecond(random.nextInt((int) (4_102_444_800L / 900)) * 900L);
        String id = random.nextInt(4) == 0 ? text(random, random.nextInt(50)) : repeated[random.nextInt(repeated.length)];
        String name = random.nextInt(3) == 0 ? text(random, random.nextInt(120)) : repeated[random.nextInt(repeated.length)];
        String media = random.nextBoolean() ? "voice" : repeated[random.nextInt(8)];
        return QueueIntervalRecord.builder().queueId(id).queueName(name).mediaType(media).intervalStart(start)
                .intervalEnd(start.plusSeconds(900 * (1 + random.nextInt(4))))
                .granularity(random.nextBoolean() ? "PT15M" : text(random, 5))
                .fetchedAt(Instant.ofEpochMilli(random.nextLong() & 0xFFFFFFFFFFFL)).offered(count(random))
                .answered(count(random)).abandoned(count(random))
                .serviceLevelPct(random.nextInt(5) == 0 ? null : percent(random))
                .shortAbandoned(count(random)).flowOuts(count(random)).overSla(count(random))
                .slNumerator(count(random)).slDenominator(count(random))
                .slTarget(random.nextInt(5) == 0 ? null : random.nextBoolean() ? 0.8 : random.nextDouble()).answerTimeMs(duration(random))
                .waitTimeMs(duration(random)).talkTimeMs(duration(random)).holdTimeMs(duration(random))
                .acwTimeMs(duration(random)).handleTimeMs(duration(random)).handleCount(count(random))
                .transferred(count(random)).abandonTimeMs(duration(random)).maxWaitTimeMs(duration(random))
                .talkCount(count(random)).holdCount(count(random)).acwCount(count(random)).alertTimeMs(duration(random))
                .alertCount(count(random)).notRespondingTimeMs(duration(random)).notRespondingCount(count(random))
                .connected(count(random)).acdTimeMs(duration(random)).acdCount(count(random)).consults(count(random))
                .consultTransferred(count(random)).blindTransferred(count(random)).outbound(count(random))
                .errors(count(random)).voicemailTimeMs(duration(random)).voicemailCount(count(random))
                .serviceTarget(random.nextBoolean() ? null : random.nextDouble()).build();
    }

    private static long count(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(10);
            case 2 -> random.nextInt(1_000);
            case 3 -> random.nextInt(Integer.MAX_VALUE);
            default -> Integer.MAX_VALUE - random.nextInt(3);
        };
    }

    private static long duration(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(100_000);
            case 2 -> random.nextLong() & Long.MAX_VALUE;
            default -> (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(63);
        };
    }

    private static double percent(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 100;
            case 2 -> 100.0 * random.nextInt(1000) / (1 + random.nextInt(1000));
            case 3 -> random.nextDouble() * 100;
            case 4 -> random.nextDouble() * 1e-5;
            default -> Math.round(random.nextDouble() * 10_000) / 100.0;
        };
    }

    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(12);
            switch (kind) {
                case 0 -> b.append((char) random.nextInt(0x20));
                case 1 -> b.append("'\\\"\u007F".charAt(random.nextInt(4)));
                case 2 -> b.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> b.append((char) (0x800 + random.nextInt(0xD000)));
                case 4 -> b.appendCodePoint(0x1F300 + random.nextInt(0x300));
                case 5 -> b.append((char) (0xD800 + random.nextInt(0x800)));
                default -> b.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return b.toString();
    }
}
