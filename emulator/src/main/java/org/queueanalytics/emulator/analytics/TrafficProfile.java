package org.queueanalytics.emulator.analytics;

import java.time.Duration;
import org.queueanalytics.emulator.queues.MediaType;

/**
 * Typical traffic of one media type: arrivals per 5-minute slot at peak for a queue of volume
 * 1.0, outcome probabilities, mean durations, and a long tail of conversations that last hours
 * or days.
 *
 * <p>Regular contacts are capped so that each completes within {@link #REGULAR_SPAN} of its
 * offer. Long contacts ({@code longShare} of the arrivals, generated per hour by their own
 * stream) wait up to {@code longWaitMaxMs} or talk up to {@code longTalkMaxMs}; {@link #longSpan()}
 * bounds them. These two spans are how far back a query must look for contacts offered before
 * its start whose later events fall inside it.
 *
 * @param outboundShare share of arrivals that are outbound (agent-started email or call)
 * @param longWaitMaxMs 0 = long contacts of this media wait like regular ones
 * @param longTalkMaxMs 0 = long contacts of this media talk like regular ones
 */
record TrafficProfile(double peakArrivalsPerSlot, double outboundShare, double answerProbability,
                      double abandonProbability, double voicemailProbability, long meanWaitMs, long meanTalkMs,
                      double longShare, long longWaitMaxMs, long longTalkMaxMs) {

    static final long MAX_WAIT_MS = 30 * 60_000L;
    static final long MAX_TALK_MS = 40 * 60_000L;
    static final long MAX_HELD_MS = 2 * 60_000L;
    static final long MAX_ACW_MS = 2 * 60_000L;
    static final long MAX_VOICEMAIL_MS = 3 * 60_000L;
    /** Offer to last event of any regular contact: wait + talk + hold + ACW (≥ wait + voicemail). */
    static final Duration REGULAR_SPAN = Duration.ofMillis(MAX_WAIT_MS + MAX_TALK_MS + MAX_HELD_MS + MAX_ACW_MS);

    private static final long HOUR = 3_600_000L;

    /**
     * The long tails, and so the look-back of each media type ({@link #longSpan()}):
     * voice talks up to 4 h (span 4 h 44 min), callbacks wait up to 8 h (8 h 44 min), chats talk
     * up to 3 h (3 h 44 min), emails stay open up to 3 days (3 days 44 min), messaging
     * conversations up to a day (24 h 44 min).
     */
    static TrafficProfile of(MediaType media) {
        return switch (media) {
            case VOICE -> new TrafficProfile(4.0, 0.03, 0.86, 0.09, 0.02, 12_000, 240_000, 0.01, 0, 4 * HOUR);
            case CALLBACK -> new TrafficProfile(0.6, 0, 0.90, 0.03, 0.04, 120_000, 180_000, 0.08, 8 * HOUR, 0);
            case CHAT -> new TrafficProfile(1.5, 0, 0.88, 0.08, 0, 15_000, 480_000, 0.005, 0, 3 * HOUR);
            case EMAIL -> new TrafficProfile(0.8, 0.10, 0.97, 0.01, 0, 600_000, 360_000, 0.15, 72 * HOUR, 0);
            case MESSAGE -> new TrafficProfile(1.0, 0.02, 0.90, 0.06, 0, 30_000, 300_000, 0.03, 0, 24 * HOUR);
        };
    }

    /** Offer to last event of any long contact of this media type. */
    Duration longSpan() {
        return Duration.ofMillis(Math.max(longWaitMaxMs, MAX_WAIT_MS) + Math.max(longTalkMaxMs, MAX_TALK_MS)
                + MAX_HELD_MS + MAX_ACW_MS);
    }

    /** The maximum conversation span of this media type. */
    Duration maxSpan() {
        Duration longSpan = longSpan();
        return longSpan.compareTo(REGULAR_SPAN) > 0 ? longSpan : REGULAR_SPAN;
    }
}
