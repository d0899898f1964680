package org.queueanalytics.emulator.observations;

import java.util.function.Consumer;
import org.queueanalytics.emulator.analytics.Contact;

/**
 * The conversations of one (queue, media type) in progress at one instant {@code t}, from the same
 * {@link Contact}s the aggregates count, so that live state and interval history agree. A contact's phases
 * (half-open, in epoch milliseconds):
 * <ul>
 *   <li><b>waiting</b> {@code [offeredAt, waitEnd)} — an inbound contact in queue until it is answered, abandoned,
 *       flowed out or sent to voicemail, whatever the outcome. The wait includes the alerts at its tail, as
 *       {@code tWait} does, so a contact ringing an agent counts in both {@code oWaiting} and {@code oAlerting};</li>
 *   <li><b>alerting</b> {@code [waitEnd − alertMs − notRespondingMs, waitEnd)} — an answered contact ringing an
 *       agent: the agent who did not respond (if any), then the one who answered;</li>
 *   <li><b>interacting</b> {@code [waitEnd, waitEnd + talkMs + heldMs)} — an answered contact with its agent,
 *       hold included, after-call work excluded (Genesys counts wrap-up separately, as the agent's, not the
 *       conversation's). An outbound contact interacts from its start (it never waits).</li>
 * </ul>
 * Voicemail after a flow-out and after-call work count in none. Not thread-safe: one per (queue, media type) per
 * observation.
 */
public final class LiveConversations implements Consumer<Contact> {
    private final long atMs;
    private int waiting;
    private long oldestWaitStartMs = Long.MAX_VALUE;
    private int alerting;
    private int interacting;
    private long oldestInteractionStartMs = Long.MAX_VALUE;

    public LiveConversations(long atMs) {
        this.atMs = atMs;
    }

    @Override
    public void accept(Contact contact) {
        long waitEnd = contact.waitEndedAtMs();
        if (contact.inbound() && contact.offeredAtMs() <= atMs && atMs < waitEnd) {
            waiting++;
            oldestWaitStartMs = Math.min(oldestWaitStartMs, contact.offeredAtMs());
        }
        if (!contact.connected()) {
            return;
        }
        if (waitEnd - contact.alertMs() - contact.notRespondingMs() <= atMs && atMs < waitEnd) {
            alerting++;
        }
        if (waitEnd <= atMs && atMs < contact.talkEndedAtMs()) {
            interacting++;
            oldestInteractionStartMs = Math.min(oldestInteractionStartMs, waitEnd);
        }
    }

    public int waiting() {
        return waiting;
    }

    /** Epoch ms at which the longest-waiting contact was offered; null when none waits. */
    public Long oldestWaitStartMs() {
        return waiting == 0 ? null : oldestWaitStartMs;
    }

    public int alerting() {
        return alerting;
    }

    public int interacting() {
        return interacting;
    }

    /** Epoch ms at which the longest interaction started (answer, or an outbound contact's start); null when none. */
    public Long oldestInteractionStartMs() {
        return interacting == 0 ? null : oldestInteractionStartMs;
    }

    /** Conversations that occupy an agent now: alerting or interacting. */
    public int withAgent() {
        return alerting + interacting;
    }
}
