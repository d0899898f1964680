package org.queueanalytics.consumer.clickhouse.testing;

import java.util.Random;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * Adversarial random values for record corpora: counts and durations at the edges of their
 * types, service levels of every kind (and NULL), texts with controls, quotes, backslashes,
 * non-Latin scripts, emoji and unpaired surrogates. The draw order is part of the contract: the
 * encoder's golden digest (ValuesEncoderGoldenTest) is taken over a corpus made with it.
 */
public final class RandomRecords {
    private RandomRecords() {
    }

    /** Draws every metric of {@code b}, in record order, from {@code random}. */
    public static QueueIntervalRecord.Builder metrics(Random random, QueueIntervalRecord.Builder b) {
        return b.offered(count(random))
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
                .serviceTarget(random.nextBoolean() ? null : random.nextDouble());
    }

    public static long count(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(10);
            case 2 -> random.nextInt(1_000);
            case 3 -> random.nextInt(Integer.MAX_VALUE);
            default -> Integer.MAX_VALUE - random.nextInt(3);
        };
    }

    public static long duration(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(100_000);
            case 2 -> random.nextLong() & Long.MAX_VALUE;
            default -> (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(63);
        };
    }

    public static double percent(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 100;
            case 2 -> 100.0 * random.nextInt(1000) / (1 + random.nextInt(1000));
            case 3 -> random.nextDouble() * 100;
            case 4 -> random.nextDouble() * 1e-5;
            default -> Math.round(random.nextDouble() * 10_000) / 100.0;
        };
    }

    public static String text(Random random, int length) {
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
