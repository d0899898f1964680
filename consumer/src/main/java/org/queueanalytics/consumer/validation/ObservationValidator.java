package org.queueanalytics.consumer.validation;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.queueanalytics.common.record.QueueObservationRecord;

/**
 * Checks an observation record against what the observations table can store faithfully — what
 * {@link QueueObservationRecord}'s own checks (non-empty queue id and metric, a count ≥ 0, no null)
 * leave open. Rules: {@code queue_id} and {@code metric} not blank; {@code observed_at} within
 * ClickHouse {@code DateTime} (18.16 turns a time before 1970 into 0 silently) and no later than the
 * consumer's clock plus {@link RecordValidator#MAX_FETCHED_AT_AHEAD}: a snapshot stamped in the future
 * would be its queue's "latest" state on every wallboard until the clock caught up. Thread-safe.
 */
public final class ObservationValidator {
    private final Clock clock;

    /** @param clock the consumer's clock, which {@code observed_at} may not be ahead of by more than an hour */
    public ObservationValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The first rule {@code r} breaks, if any. */
    public Optional<Violation> validate(QueueObservationRecord r) {
        if (r == null) {
            return Optional.of(new Violation("record", "is null"));
        }
        Violation v;
        if ((v = RecordValidator.nonEmpty("queue_id", r.queueId())) != null
                || (v = RecordValidator.nonEmpty("metric", r.metric())) != null
                || (v = RecordValidator.dateTime("observed_at", r.observedAt())) != null) {
            return Optional.of(v);
        }
        Instant latest = clock.instant().plus(RecordValidator.MAX_FETCHED_AT_AHEAD);
        if (r.observedAt().isAfter(latest)) {
            return Optional.of(new Violation("observed_at", "is more than " + RecordValidator.MAX_FETCHED_AT_AHEAD.toHours()
                    + " h ahead of the consumer's clock (latest accepted " + latest + "), was " + r.observedAt()
                    + "; check the producer host's clock"));
        }
        return Optional.empty();
    }
}
