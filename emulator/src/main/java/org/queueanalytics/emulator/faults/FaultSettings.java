package org.queueanalytics.emulator.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * Standing faults, applied at random to every API request (the token endpoint and the
 * {@code /emulator} admin endpoints are never faulted).
 *
 * @param errorRate    probability of a 503 answer
 * @param dropRate     probability of closing the connection without an answer
 * @param slowDelay    delay added to every API answer
 * @param emptyBodyRate probability of a 200 with an empty body on the aggregates and routing-queues
 *                      endpoints ({@link BrokenAnswer#EMPTY})
 */
public record FaultSettings(double errorRate, double dropRate, Duration slowDelay, double emptyBodyRate) {
    public static final FaultSettings NONE = new FaultSettings(0, 0, Duration.ZERO, 0);

    /** Without empty bodies. */
    public FaultSettings(double errorRate, double dropRate, Duration slowDelay) {
        this(errorRate, dropRate, slowDelay, 0);
    }

    public FaultSettings {
        requireProbability(errorRate, "fault 5xx rate");
        requireProbability(dropRate, "fault drop rate");
        requireProbability(emptyBodyRate, "fault empty-body rate");
        Objects.requireNonNull(slowDelay, "slowDelay");
        if (slowDelay.isNegative()) {
            throw new IllegalArgumentException("fault slow delay must be ≥ 0, got " + slowDelay);
        }
    }

    private static void requireProbability(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + value);
        }
    }
}
