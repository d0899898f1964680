package org.queueanalytics.producer.publish;

import java.time.Instant;
import java.util.Objects;
import org.queueanalytics.producer.sharding.Shard;

/**
 * How far one poll (the live loop of a shard, or one backfill range of a shard) has got.
 *
 * @param id           e.g. {@code live/0/1} or {@code range/2025-01-01T00:00:00Z/2025-02-01T00:00:00Z/0/1}
 * @param polledUntil  every interval ending at or before this was fetched after it closed and
 *                     acknowledged by Kafka
 * @param lastDeepPoll when the daily deep re-poll last completed, or null
 * @param updatedAt    when this checkpoint was written
 */
public record Checkpoint(String id, Instant polledUntil, Instant lastDeepPoll, Instant updatedAt) {
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(polledUntil, "polledUntil");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static String liveId(Shard shard) {
        return "live/" + shard;
    }

    public static String rangeId(Instant from, Instant to, Shard shard) {
        return "range/" + from + "/" + to + "/" + shard;
    }
}
