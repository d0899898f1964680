package org.queueanalytics.consumer.clickhouse.testing;

import java.time.Duration;
import java.time.Instant;
import org.queueanalytics.common.record.QueueIntervalRecord;

/** Test records: an example record, and variations of it. */
public final class Records {
    public static final Instant START = Instant.parse("2025-01-27T08:00:00Z");
    public static final Instant FETCHED = Instant.parse("2025-01-27T08:35:12.345Z");

    private Records() {
    }

    /** An example record, as docs/PRODUCER.md "From answer to record" describes its fields. */
    public static QueueIntervalRecord example() {
        return record("05f1c285-queue", "Customer Service", "voice", START, FETCHED);
    }

    public static QueueIntervalRecord record(String queueId, String queueName, String mediaType, Instant start, Instant fetchedAt) {
        return QueueIntervalRecord.builder().queueId(queueId).queueName(queueName).mediaType(mediaType)
                .intervalStart(start).intervalEnd(start.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(fetchedAt).offered(42).answered(38).abandoned(3).serviceLevelPct(78.05).shortAbandoned(1)
                .flowOuts(1).overSla(6).slNumerator(32).slDenominator(41).slTarget(0.8).answerTimeMs(456000)
                .waitTimeMs(820200).talkTimeMs(7560000).holdTimeMs(151584).acwTimeMs(560000).handleTimeMs(8271584)
                .handleCount(35).transferred(2).abandonTimeMs(150200).maxWaitTimeMs(214000).talkCount(35).holdCount(4)
                .acwCount(35).alertTimeMs(98000).alertCount(40).notRespondingTimeMs(30000).notRespondingCount(2)
                .connected(36).acdTimeMs(456000).acdCount(38).consults(3).consultTransferred(1).blindTransferred(1)
                .outbound(5).errors(1).voicemailTimeMs(61000).voicemailCount(2).serviceTarget(0.8).build();
    }

    /** A copy of {@code r} with other counts (offered) and fetch time: a newer poll of the same interval. */
    public static QueueIntervalRecord refetched(QueueIntervalRecord r, long offered, Instant fetchedAt) {
        return r.toBuilder().offered(offered).fetchedAt(fetchedAt).build();
    }
}
