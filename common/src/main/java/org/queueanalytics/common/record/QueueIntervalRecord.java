package org.queueanalytics.common.record;

import java.time.Instant;

/**
 * One Kafka record: the statistics of one (queue, media type, interval), as fetched at
 * {@code fetchedAt}. JSON field names are the snake_case of the component names (see
 * {@link RecordJson}); DESIGN.md "The Kafka record" is the contract.
 *
 * <p>Counts and durations are {@code long} so that a consumer can see (and reject) a value
 * outside the ClickHouse column type instead of wrapping it. {@code fetchedAt} is the version
 * ClickHouse's ReplacingMergeTree keeps the newest of.
 */
public record QueueIntervalRecord(
        int schemaVersion,
        String queueId,
        String queueName,
        String mediaType,
        Instant intervalStart,
        Instant intervalEnd,
        String granularity,
        Instant fetchedAt,
        long offered,
        long answered,
        long abandoned,
        double serviceLevelPct,
        long shortAbandoned,
        long flowOuts,
        long overSla,
        long slNumerator,
        long slDenominator,
        double slTarget,
        long answerTimeMs,
        long waitTimeMs,
        long talkTimeMs,
        long holdTimeMs,
        long acwTimeMs,
        long handleTimeMs,
        long handleCount,
        long transferred) {

    public static final int SCHEMA_VERSION = 1;

    /** The Kafka key: the queue id, so all intervals of one queue land in one partition, in order. */
    public String key() {
        return queueId;
    }
}
