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
import org.queueanalytics.consumer.clickhouse.testing.RandomRecords;

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
            repeated[i] = RandomRecords.text(random, 1 + random.nextInt(40));
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
        String id = random.nextInt(4) == 0 ? RandomRecords.text(random, random.nextInt(50)) : repeated[random.nextInt(repeated.length)];
        String name = random.nextInt(3) == 0 ? RandomRecords.text(random, random.nextInt(120)) : repeated[random.nextInt(repeated.length)];
        String media = random.nextBoolean() ? "voice" : repeated[random.nextInt(8)];
        QueueIntervalRecord.Builder b = QueueIntervalRecord.builder().queueId(id).queueName(name).mediaType(media).intervalStart(start)
                .intervalEnd(start.plusSeconds(900 * (1 + random.nextInt(4))))
                .granularity(random.nextBoolean() ? "PT15M" : RandomRecords.text(random, 5))
                .fetchedAt(Instant.ofEpochMilli(random.nextLong() & 0xFFFFFFFFFFFL));
        return RandomRecords.metrics(random, b).build();
    }

}
