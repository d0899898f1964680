package org.queueanalytics.producer.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time range {@code [start, end)} aligned to the granularity: one aggregates query's interval. */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must come after its start " + start);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return start + "/" + end;
    }
}
