package org.queueanalytics.consumer.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * Checks a record against what the ClickHouse table can store faithfully, before it is
 * inserted. ClickHouse 18.16 does not refuse out-of-range values — it wraps Int32 overflow and
 * turns dates before 1970 into 0 — so every range is checked here; a failing record goes to
 * the DLQ with {@link Violation#toString()} as the reason.
 *
 * <p>Rules: {@code queue_id}, {@code media_type} non-empty, {@code queue_name} and
 * {@code granularity} present; instants present and within ClickHouse {@code DateTime}
 * (1970-01-01T00:00:00Z … 2105-12-31T23:59:59Z); {@code interval_end} after
 * {@code interval_start}; {@code fetched_at} no later than the consumer's clock plus
 * {@link #MAX_FETCHED_AT_AHEAD} (it is the row's version: one future-stamped row would win every
 * later re-poll of its interval for good); counts in 0 … 2³¹−1 (Int32); durations ≥ 0 (UInt64, and a Java long
 * cannot exceed its range); the service-level numbers null (no service-level event in the
 * interval) or finite, {@code service_level_pct} in 0 … 100, {@code sl_target} and
 * {@code service_target} in 0 … 1 (Genesys ratios). No rule relates one metric to another:
 * Genesys counts each at its own event time, so answered may exceed offered in an interval.
 * Thread-safe.
 */
public final class RecordValidator {
    /** How far {@code fetched_at} may be ahead of this consumer's clock (clock skew between hosts). */
    public static final Duration MAX_FETCHED_AT_AHEAD = Duration.ofHours(1);
    /** ClickHouse DateTime (UInt32 seconds) range, kept to whole years: 1970-01-01 … 2105-12-31. */
    public static final Instant MIN_DATE_TIME = Instant.EPOCH;
    public static final Instant MAX_DATE_TIME = Instant.parse("2105-12-31T23:59:59Z");
    private static final long MAX_INT32 = Integer.MAX_VALUE;

    private final Clock clock;

    /** @param clock the consumer's clock, which {@code fetched_at} may not be ahead of by more than an hour */
    public RecordValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The first rule {@code r} breaks, if any. */
    public Optional<Violation> validate(QueueIntervalRecord r) {
        if (r == null) {
            return Optional.of(new Violation("record", "is null"));
        }
        Violation v = firstViolation(r);
        return Optional.ofNullable(v);
    }

    /** As {@link #validate}, throwing for the lead's DLQ path; the message names the field. */
    public void check(QueueIntervalRecord r) throws InvalidRecordException {
        Optional<Violation> v = validate(r);
        if (v.isPresent()) {
            throw new InvalidRecordException("record fails validation: " + v.get());
        }
    }

    private Violation firstViolation(QueueIntervalRecord r) {
        Violation v;
        if ((v = nonEmpty("queue_id", r.queueId())) != null
                || (v = nonEmpty("media_type", r.mediaType())) != null
                || (v = present("queue_name", r.queueName())) != null
                || (v = present("granularity", r.granularity())) != null
                || (v = dateTime("interval_start", r.intervalStart())) != null
                || (v = dateTime("interval_end", r.intervalEnd())) != null
                || (v = dateTime("fetched_at", r.fetchedAt())) != null) {
            return v;
        }
        Instant latestFetch = clock.instant().plus(MAX_FETCHED_AT_AHEAD);
        if (r.fetchedAt().isAfter(latestFetch)) {
            return new Violation("fetched_at", "is more than " + MAX_FETCHED_AT_AHEAD.toHours() + " h ahead of the consumer's "
                    + "clock (latest accepted " + latestFetch + "), was " + r.fetchedAt()
                    + "; check the producer host's clock");
        }
        if (!r.intervalEnd().isAfter(r.intervalStart())) {
            return new Violation("interval_end", "must be after interval_start (" + r.intervalStart() + "), was " + r.intervalEnd());
        }
        if ((v = count("offered", r.offered())) != null
                || (v = count("answered", r.answered())) != null
                || (v = count("abandoned", r.abandoned())) != null
                || (v = count("short_abandoned", r.shortAbandoned())) != null
                || (v = count("flow_outs", r.flowOuts())) != null
                || (v = count("over_sla", r.overSla())) != null
                || (v = count("sl_numerator", r.slNumerator())) != null
                || (v = count("sl_denominator", r.slDenominator())) != null
                || (v = count("handle_count", r.handleCount())) != null
                || (v = count("transferred", r.transferred())) != null
                || (v = duration("answer_time_ms", r.answerTimeMs())) != null
                || (v = duration("wait_time_ms", r.waitTimeMs())) != null
                || (v = duration("talk_time_ms", r.talkTimeMs())) != null
                || (v = duration("hold_time_ms", r.holdTimeMs())) != null
                || (v = duration("acw_time_ms", r.acwTimeMs())) != null
                || (v = duration("handle_time_ms", r.handleTimeMs())) != null
                || (v = duration("abandon_time_ms", r.abandonTimeMs())) != null
                || (v = duration("max_wait_time_ms", r.maxWaitTimeMs())) != null
                || (v = count("talk_count", r.talkCount())) != null
                || (v = count("hold_count", r.holdCount())) != null
                || (v = count("acw_count", r.acwCount())) != null
                || (v = duration("alert_time_ms", r.alertTimeMs())) != null
                || (v = count("alert_count", r.alertCount())) != null
                || (v = duration("not_responding_time_ms", r.notRespondingTimeMs())) != null
                || (v = count("not_responding_count", r.notRespondingCount())) != null
                || (v = count("connected", r.connected())) != null
                || (v = duration("acd_time_ms", r.acdTimeMs())) != null
                || (v = count("acd_count", r.acdCount())) != null
                || (v = count("consults", r.consults())) != null
                || (v = count("consult_transferred", r.consultTransferred())) != null
                || (v = count("blind_transferred", r.blindTransferred())) != null
                || (v = count("outbound", r.outbound())) != null
                || (v = count("errors", r.errors())) != null
                || (v = duration("voicemail_time_ms", r.voicemailTimeMs())) != null
                || (v = count("voicemail_count", r.voicemailCount())) != null
                || (v = withinOrNull("service_level_pct", r.serviceLevelPct(), 0, 100)) != null
                || (v = withinOrNull("sl_target", r.slTarget(), 0, 1)) != null
                || (v = withinOrNull("service_target", r.serviceTarget(), 0, 1)) != null) {
            return v;
        }
        return null;
    }

    private static Violation present(String field, String value) {
        return value == null ? new Violation(field, "missing") : null;
    }

    static Violation nonEmpty(String field, String value) {
        if (value == null) {
            return new Violation(field, "missing");
        }
        return value.isBlank() ? new Violation(field, "must not be empty") : null;
    }

    static Violation dateTime(String field, Instant value) {
        if (value == null) {
            return new Violation(field, "missing");
        }
        if (value.isBefore(MIN_DATE_TIME) || value.isAfter(MAX_DATE_TIME)) {
            return new Violation(field, "outside the ClickHouse DateTime range " + MIN_DATE_TIME + " … " + MAX_DATE_TIME
                    + ", was " + value);
        }
        return null;
    }

    private static Violation count(String field, long value) {
        if (value < 0 || value > MAX_INT32) {
            return new Violation(field, "must be within 0 … " + MAX_INT32 + " (Int32), was " + value);
        }
        return null;
    }

    private static Violation duration(String field, long value) {
        return value < 0 ? new Violation(field, "must not be negative (UInt64 milliseconds), was " + value) : null;
    }

    /** null is valid (no service-level event in the interval); a number must be finite and in range. */
    private static Violation withinOrNull(String field, Double value, double min, double max) {
        if (value == null) {
            return null;
        }
        if (!Double.isFinite(value)) {
            return new Violation(field, "must be a finite number, was " + value);
        }
        if (value < min || value > max) {
            return new Violation(field, "must be within " + min + " … " + max + ", was " + value);
        }
        return null;
    }
}
