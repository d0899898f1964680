package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation on a queue, as durations from its start. Each metric posts at the moment of
 * its own event (see {@link ContactEvents}), so one contact usually touches several intervals.
 *
 * @param key             identifies the contact among its slot's; seeds its ingestion delays
 * @param offeredAt       inbound: offered to the queue; outbound: started by the agent
 * @param waitMs          inbound: time in queue until answered, abandoned or flowed out (alerts included)
 * @param alertMs         ringing of the agent who answered (the tail of the wait)
 * @param notRespondingMs an earlier alert that timed out before the contact was re-offered; 0 = none
 * @param voicemailMs     length of the voicemail left after a {@link Outcome#VOICEMAIL} flow-out
 */
public record Contact(long key, Instant offeredAt, Direction direction, Outcome outcome, long waitMs, long alertMs,
                      long notRespondingMs, long talkMs, long heldMs, long acwMs, Transfer transfer, boolean error,
                      long voicemailMs) {

    public enum Direction { INBOUND, OUTBOUND }

    /** How waiting ended; an outbound contact is always {@code ANSWERED} (connected at its start). */
    public enum Outcome { ANSWERED, ABANDONED, FLOWED_OUT, VOICEMAIL }

    public enum Transfer {
        NONE, BLIND, CONSULT_TRANSFER, CONSULT_WITHOUT_TRANSFER;

        boolean transferred() {
            return this == BLIND || this == CONSULT_TRANSFER;
        }

        boolean consulted() {
            return this == CONSULT_TRANSFER || this == CONSULT_WITHOUT_TRANSFER;
        }
    }

    public Contact {
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(transfer, "transfer");
        if (waitMs < 0 || alertMs < 0 || notRespondingMs < 0 || talkMs < 0 || heldMs < 0 || acwMs < 0 || voicemailMs < 0) {
            throw new IllegalArgumentException("durations must be ≥ 0");
        }
        if (alertMs + notRespondingMs > waitMs) {
            throw new IllegalArgumentException("alerts happen while waiting: alert " + alertMs + " + not responding "
                    + notRespondingMs + " > wait " + waitMs);
        }
    }

    /** An inbound contact answered after {@code waitMs} and handled for talk + hold + ACW. */
    public static Contact answered(long key, Instant offeredAt, long waitMs, long alertMs, long talkMs, long heldMs,
                                   long acwMs) {
        return new Contact(key, offeredAt, Direction.INBOUND, Outcome.ANSWERED, waitMs, alertMs, 0, talkMs, heldMs,
                acwMs, Transfer.NONE, false, 0);
    }

    /** An inbound contact that left the queue without an agent after {@code waitMs}. */
    public static Contact unanswered(long key, Instant offeredAt, Outcome outcome, long waitMs) {
        if (outcome == Outcome.ANSWERED) {
            throw new IllegalArgumentException("use answered(…) for an answered contact");
        }
        return new Contact(key, offeredAt, Direction.INBOUND, outcome, waitMs, 0, 0, 0, 0, 0, Transfer.NONE, false, 0);
    }

    public boolean inbound() {
        return direction == Direction.INBOUND;
    }

    public boolean connected() {
        return outcome == Outcome.ANSWERED;
    }

    public long offeredAtMs() {
        return offeredAt.toEpochMilli();
    }

    /** Answer, abandon or flow-out; for an outbound contact, its start. */
    public long waitEndedAtMs() {
        return offeredAtMs() + (inbound() ? waitMs : 0);
    }

    /** The timed-out alert ended when the next agent started ringing. */
    public long notRespondingEndedAtMs() {
        return waitEndedAtMs() - alertMs;
    }

    public long talkEndedAtMs() {
        return waitEndedAtMs() + talkMs + heldMs;
    }

    public long acwEndedAtMs() {
        return talkEndedAtMs() + acwMs;
    }

    public long voicemailEndedAtMs() {
        return waitEndedAtMs() + voicemailMs;
    }

    public long handleMs() {
        return talkMs + heldMs + acwMs;
    }

    /** From offer to the last event: what {@link ContactSource} look-backs must cover. */
    public long spanMs() {
        return Math.max(acwEndedAtMs(), voicemailEndedAtMs()) - offeredAtMs();
    }
}
