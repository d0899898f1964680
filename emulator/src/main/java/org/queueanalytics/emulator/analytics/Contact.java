package org.queueanalytics.emulator.analytics;

import java.time.Instant;

/**
 * One generated conversation on a queue. Its metrics post at different moments: the offer
 * at {@code offeredAt}, answer/abandon/flow-out times when waiting ends, talk/hold/ACW/handle
 * when the conversation completes — which is why closed intervals keep growing.
 */
public record Contact(Instant offeredAt, Outcome outcome, long waitMs, long talkMs, long heldMs, long acwMs,
                      boolean transferred) {

    public enum Outcome { ANSWERED, ABANDONED, FLOWED_OUT }

    public Instant waitEndedAt() {
        return offeredAt.plusMillis(waitMs);
    }

    public Instant completedAt() {
        return waitEndedAt().plusMillis(handleMs());
    }

    public long handleMs() {
        return talkMs + heldMs + acwMs;
    }
}
