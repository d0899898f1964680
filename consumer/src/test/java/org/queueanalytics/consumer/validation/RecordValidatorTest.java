package org.queueanalytics.consumer.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.InvalidRecordException;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.testing.Records;

class RecordValidatorTest {
    /** The consumer's clock: five minutes after the example was fetched. */
    private static final Instant NOW = Records.FETCHED.plus(Duration.ofMinutes(5));
    private final RecordValidator validator = new RecordValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsTheDesignExample() throws InvalidRecordException {
        assertThat(validator.validate(Records.example())).isEmpty();
        validator.check(Records.example());
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        QueueIntervalRecord r = QueueIntervalRecord.builder().queueId("q").queueName("").mediaType("voice")
                .intervalStart(Instant.EPOCH).intervalEnd(Instant.EPOCH.plusSeconds(1)).granularity("")
                .fetchedAt(RecordValidator.MAX_DATE_TIME).answered(Integer.MAX_VALUE).serviceLevelPct(100.0)
                .slTarget(1.0).answerTimeMs(Long.MAX_VALUE).transferred(Integer.MAX_VALUE).build();
        RecordValidator atTheEndOfDateTime = new RecordValidator(Clock.fixed(RecordValidator.MAX_DATE_TIME, ZoneOffset.UTC));
        assertThat(atTheEndOfDateTime.validate(r)).isEmpty();
    }

    @Test
    void rejectsANullRecord() {
        assertThat(validator.validate(null)).map(Violation::field).hasValue("record");
    }

    @Test
    void requiresAQueueId() {
        assertViolation(with(r -> Records.record(null, "n", "voice", Records.START, Records.FETCHED)), "queue_id", "missing");
        assertViolation(with(r -> Records.record("  ", "n", "voice", Records.START, Records.FETCHED)), "queue_id", "empty");
    }

    @Test
    void requiresAMediaType() {
        assertViolation(with(r -> Records.record("q", "n", "", Records.START, Records.FETCHED)), "media_type", "empty");
        assertViolation(with(r -> Records.record("q", "n", null, Records.START, Records.FETCHED)), "media_type", "missing");
    }

    @Test
    void requiresAQueueNameAndGranularityButAllowsThemEmpty() {
        assertViolation(with(r -> Records.record("q", null, "voice", Records.START, Records.FETCHED)), "queue_name", "missing");
        assertViolation(copy(Records.example(), "granularity", null), "granularity", "missing");
    }

    @Test
    void requiresTimes() {
        assertViolation(with(r -> Records.record("q", "n", "voice", Records.START, null)), "fetched_at", "missing");
        assertViolation(copy(Records.example(), "interval_end", null), "interval_end", "missing");
    }

    @Test
    void rejectsTimesOutsideTheDateTimeRange() {
        assertViolation(with(r -> Records.record("q", "n", "voice", Instant.parse("1969-12-31T23:30:00Z"), Records.FETCHED)),
                "interval_start", "DateTime range");
        assertViolation(with(r -> Records.record("q", "n", "voice", Instant.parse("2106-01-01T00:00:00Z"), Records.FETCHED)),
                "interval_start", "DateTime range");
        assertViolation(with(r -> Records.record("q", "n", "voice", Records.START, Instant.parse("1960-01-01T00:00:00Z"))),
                "fetched_at", "DateTime range");
    }

    @Test
    void acceptsAFetchedAtUpToOneHourAheadOfTheConsumersClock() {
        Instant latest = NOW.plus(Duration.ofHours(1));
        assertThat(validator.validate(with(r -> Records.record("q", "n", "voice", Records.START, latest)))).isEmpty();
    }

    @Test
    void rejectsAFetchedAtMoreThanOneHourAheadOfTheConsumersClock() {
        Instant tooLate = NOW.plus(Duration.ofHours(1)).plusMillis(1);
        assertViolation(with(r -> Records.record("q", "n", "voice", Records.START, tooLate)), "fetched_at", "ahead of the consumer's clock");
        assertViolation(with(r -> Records.record("q", "n", "voice", Records.START, Instant.parse("2105-01-01T00:00:00Z"))),
                "fetched_at", "check the producer host's clock");
    }

    @Test
    void judgesFetchedAtByTheClockAtValidationTime() {
        Instant fetched = NOW.plus(Duration.ofHours(3));
        QueueIntervalRecord r = with(x -> Records.record("q", "n", "voice", Records.START, fetched));
        assertThat(new RecordValidator(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC)).validate(r)).isEmpty();
        assertThat(validator.validate(r)).isPresent();
    }

    @Test
    void requiresTheIntervalToEndAfterItStarts() {
        assertViolation(copy(Records.example(), "interval_end", Records.START), "interval_end", "after interval_start");
        assertViolation(copy(Records.example(), "interval_end", Records.START.minusSeconds(1)), "interval_end", "after");
    }

    @Test
    void keepsCountsWithinInt32AndNonNegative() {
        assertViolation(copy(Records.example(), "offered", -1L), "offered", "Int32");
        assertViolation(copy(Records.example(), "answered", 3_000_000_000L), "answered", "Int32");
        assertViolation(copy(Records.example(), "transferred", (long) Integer.MAX_VALUE + 1), "transferred", "Int32");
        assertViolation(copy(Records.example(), "handle_count", -5L), "handle_count", "was -5");
    }

    @Test
    void keepsDurationsNonNegative() {
        assertViolation(copy(Records.example(), "handle_time_ms", -1L), "handle_time_ms", "negative");
        assertViolation(copy(Records.example(), "wait_time_ms", Long.MIN_VALUE), "wait_time_ms", "negative");
    }

    @Test
    void requiresFiniteDoublesInRange() {
        assertViolation(copy(Records.example(), "service_level_pct", Double.NaN), "service_level_pct", "finite");
        assertViolation(copy(Records.example(), "service_level_pct", Double.POSITIVE_INFINITY), "service_level_pct", "finite");
        assertViolation(copy(Records.example(), "service_level_pct", 100.5), "service_level_pct", "0.0 … 100.0");
        assertViolation(copy(Records.example(), "service_level_pct", -0.1), "service_level_pct", "within");
        assertViolation(copy(Records.example(), "sl_target", 80.0), "sl_target", "within 0.0 … 1.0");
    }

    @Test
    void checkThrowsWithTheFieldInTheMessage() {
        assertThatThrownBy(() -> validator.check(copy(Records.example(), "offered", -1L)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("offered");
    }

    private void assertViolation(QueueIntervalRecord r, String field, String reasonFragment) {
        Optional<Violation> v = validator.validate(r);
        assertThat(v).isPresent();
        assertThat(v.get().field()).isEqualTo(field);
        assertThat(v.get().reason()).contains(reasonFragment);
        assertThat(v.get().toString()).startsWith(field + ": ");
    }

    private static QueueIntervalRecord with(UnaryOperator<QueueIntervalRecord> f) {
        return f.apply(Records.example());
    }

    /** {@code r} with one field replaced (by its snake_case name), through the canonical constructor. */
    private static QueueIntervalRecord copy(QueueIntervalRecord r, String field, Object value) {
        var components = QueueIntervalRecord.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                String snake = components[i].getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
                args[i] = snake.equals(field) ? value : components[i].getAccessor().invoke(r);
            }
            return QueueIntervalRecord.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
