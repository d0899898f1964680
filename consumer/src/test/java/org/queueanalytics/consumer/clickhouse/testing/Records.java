package org.queueanalytics.consumer.clickhouse.testing;

import java.time.Duration;
import java.time.Instant;
import org.queueanalytics.common.record.QueueIntervalRecord;

/** Test records: the DESIGN.md example, and variations of it. */
public final class Records {
    public static final Instant START = Instant.parse("2025-01-27T08:00:00Z");
    public static final Instant FETCHED = Instant.parse("2025-01-27T08:35:12.345Z");

    private Records() {
    }

    /** The example record of DESIGN.md "The Kafka record". */
    public static QueueIntervalRecord example() {
        return record("05f1c285-queue", "Customer Service", "voice", START, FETCHED);
    }

    public static QueueIntervalRecord record(String queueId, String queueName, String mediaType, Instant start, Instant fetchedAt) {
        return new QueueIntervalRecord(1, queueId, queueName, mediaType, start, start.plus(Duration.ofMinutes(30)), "PT30M",
                fetchedAt, 42, 38, 3, 78.05, 1, 1, 6, 32, 41, 0.8, 456000, 820200, 7560000, 151584, 560000, 8271584, 35, 2);
    }

    /** A copy of {@code r} with other counts (offered, answered) and fetch time: a newer poll of the same interval. */
    public static QueueIntervalRecord refetched(QueueIntervalRecord r, long offered, Instant fetchedAt) {
        return new QueueIntervalRecord(r.schemaVersion(), r.queueId(), r.queueName(), r.mediaType(), r.intervalStart(),
                r.intervalEnd(), r.granularity(), fetchedAt, offered, r.answered(), r.abandoned(), r.serviceLevelPct(),
                r.shortAbandoned(), r.flowOuts(), r.overSla(), r.slNumerator(), r.slDenominator(), r.slTarget(),
                r.answerTimeMs(), r.waitTimeMs(), r.talkTimeMs(), r.holdTimeMs(), r.acwTimeMs(), r.handleTimeMs(),
                r.handleCount(), r.transferred());
    }
}
