package org.queueanalytics.emulator.analytics;

import org.queueanalytics.emulator.queues.MediaType;

/**
 * Typical traffic of one media type: arrivals per 5-minute slot at peak for a queue of volume
 * 1.0, outcome probabilities and mean durations. Durations are capped so that every
 * conversation completes within about 80 minutes of its offer.
 */
record TrafficProfile(double peakArrivalsPerSlot, double answerProbability, double abandonProbability,
                      long meanWaitMs, long meanTalkMs) {

    static final long MAX_WAIT_MS = 30 * 60_000L;
    static final long MAX_TALK_MS = 40 * 60_000L;

    static TrafficProfile of(MediaType media) {
        return switch (media) {
            case VOICE -> new TrafficProfile(4.0, 0.86, 0.10, 12_000, 240_000);
            case CALLBACK -> new TrafficProfile(0.6, 0.93, 0.03, 120_000, 180_000);
            case CHAT -> new TrafficProfile(1.5, 0.88, 0.08, 15_000, 480_000);
            case EMAIL -> new TrafficProfile(0.8, 0.97, 0.01, 600_000, 360_000);
            case MESSAGE -> new TrafficProfile(1.0, 0.90, 0.06, 30_000, 300_000);
        };
    }
}
