package org.queueanalytics.emulator.analytics;

/**
 * The organisation's service-level settings that shape {@code oServiceLevel}:
 * numerator = answered within the queue's goal for the media type; denominator = answered +
 * abandoned, + flow-outs when {@code flowOutsCount}, − short abandons when
 * {@code shortAbandonsExcluded}.
 */
public record ServiceLevelOptions(boolean flowOutsCount, boolean shortAbandonsExcluded) {
    /**
     * Flow-outs do not count and short abandons are excluded: a caller who hangs up within
     * seconds or is routed elsewhere by the flow says nothing about how fast agents answer.
     */
    public static final ServiceLevelOptions DEFAULT = new ServiceLevelOptions(false, true);
}
