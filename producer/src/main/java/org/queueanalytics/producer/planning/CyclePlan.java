package org.queueanalytics.producer.planning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one poll cycle fetches, oldest window first.
 *
 * @param windows       request-sized windows covering one contiguous aligned range
 * @param deepPoll      true when this cycle includes the daily deep re-poll (record its time)
 * @param plannedAt     the clock time the plan was made
 * @param catchUpLimitedTo when the checkpoint was older than the maximum catch-up, the start the
 *                      catch-up was cut to (intervals before it were not re-polled); null otherwise
 */
public record CyclePlan(List<TimeWindow> windows, boolean deepPoll, Instant plannedAt, Instant catchUpLimitedTo) {
    public CyclePlan {
        windows = List.copyOf(windows);
        Objects.requireNonNull(plannedAt, "plannedAt");
    }
}
