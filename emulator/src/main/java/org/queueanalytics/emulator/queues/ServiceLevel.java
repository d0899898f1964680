package org.queueanalytics.emulator.queues;

/**
 * A queue's service-level goal for one media type, as {@code mediaSettings.<key>.serviceLevel}
 * of the routing API: {@code percentage} of contacts answered within {@code durationMs}.
 * The aggregates use the same value, so the two APIs never disagree.
 */
public record ServiceLevel(double percentage, long durationMs) {
    public ServiceLevel {
        if (percentage <= 0 || percentage > 1) {
            throw new IllegalArgumentException("service-level percentage must be within (0, 1], got " + percentage);
        }
        if (durationMs < 1) {
            throw new IllegalArgumentException("service-level duration must be ≥ 1 ms, got " + durationMs);
        }
    }

    /** The typical goal of a media type: fast answers for live media, hours for email. */
    public static ServiceLevel typical(MediaType media) {
        return switch (media) {
            case VOICE -> new ServiceLevel(0.8, 20_000);
            case CALLBACK -> new ServiceLevel(0.8, 600_000);
            case CHAT -> new ServiceLevel(0.8, 60_000);
            case EMAIL -> new ServiceLevel(0.9, 3_600_000);
            case MESSAGE -> new ServiceLevel(0.8, 120_000);
        };
    }
}
