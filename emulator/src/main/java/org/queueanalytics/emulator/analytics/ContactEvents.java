package org.queueanalytics.emulator.analytics;

import org.queueanalytics.emulator.queues.ServiceLevel;

/**
 * When each metric of a contact posts, as Genesys counts them: every metric at the moment of its
 * own event, never at the offer time of the contact.
 *
 * <ul>
 *   <li>offer ({@link #OFFER}): {@code nOffered}; for an outbound contact {@code nOutbound} and {@code nConnected}</li>
 *   <li>end of a timed-out alert ({@link #NOT_RESPONDING}): {@code tNotResponding} and {@code tAlert}</li>
 *   <li>end of waiting ({@link #WAIT_END}): {@code tWait}, then by outcome {@code tAnswered}, {@code tAcd},
 *       {@code nConnected}, {@code tAlert}, {@code nOverSla} — or {@code tAbandon}/{@code tShortAbandon}
 *       — or {@code tFlowOut}; {@code nError} when the contact hit an error</li>
 *   <li>end of talk ({@link #TALK_END}): {@code tTalkComplete}, {@code tHeldComplete}, and the transfer counts
 *       ({@code nTransferred}, {@code nBlindTransferred}, {@code nConsult}, {@code nConsultTransferred})</li>
 *   <li>end of after-call work ({@link #ACW_END}): {@code tAcw}, {@code tHandle}</li>
 *   <li>end of a voicemail ({@link #VOICEMAIL_END}): {@code tVoicemail}</li>
 * </ul>
 * Metrics of one moment share that moment's ingestion delay, so they appear together.
 */
final class ContactEvents {
    static final int OFFER = 0;
    static final int NOT_RESPONDING = 1;
    static final int WAIT_END = 2;
    static final int TALK_END = 3;
    static final int ACW_END = 4;
    static final int VOICEMAIL_END = 5;

    /** Abandoned before this wait counts in {@code tShortAbandon} too (the Genesys default threshold). */
    static final long SHORT_ABANDON_MS = 10_000;

    /** Receives the events of a contact; {@code moment} is one of the constants above. */
    interface Sink {
        void post(Metric metric, long atMs, long valueMs, int moment);
    }

    private ContactEvents() {
    }

    /** @param serviceLevel the goal of the contact's queue and media type, for {@code nOverSla} */
    static void emit(Contact contact, ServiceLevel serviceLevel, Sink sink) {
        if (contact.inbound()) {
            emitInbound(contact, serviceLevel, sink);
        } else {
            long start = contact.offeredAtMs();
            sink.post(Metric.N_OUTBOUND, start, 0, OFFER);
            sink.post(Metric.N_CONNECTED, start, 0, OFFER);
            emitHandling(contact, sink);
        }
    }

    private static void emitInbound(Contact contact, ServiceLevel serviceLevel, Sink sink) {
        sink.post(Metric.N_OFFERED, contact.offeredAtMs(), 0, OFFER);
        long waitEnd = contact.waitEndedAtMs();
        long wait = contact.waitMs();
        sink.post(Metric.T_WAIT, waitEnd, wait, WAIT_END);
        if (contact.error()) {
            sink.post(Metric.N_ERROR, waitEnd, 0, WAIT_END);
        }
        switch (contact.outcome()) {
            case ANSWERED -> {
                if (contact.notRespondingMs() > 0) {
                    long timedOut = contact.notRespondingEndedAtMs();
                    sink.post(Metric.T_NOT_RESPONDING, timedOut, contact.notRespondingMs(), NOT_RESPONDING);
                    sink.post(Metric.T_ALERT, timedOut, contact.notRespondingMs(), NOT_RESPONDING);
                }
                sink.post(Metric.T_ANSWERED, waitEnd, wait, WAIT_END);
                sink.post(Metric.T_ACD, waitEnd, wait, WAIT_END);
                sink.post(Metric.N_CONNECTED, waitEnd, 0, WAIT_END);
                if (contact.alertMs() > 0) {
                    sink.post(Metric.T_ALERT, waitEnd, contact.alertMs(), WAIT_END);
                }
                if (wait > serviceLevel.durationMs()) {
                    sink.post(Metric.N_OVER_SLA, waitEnd, 0, WAIT_END);
                }
                emitHandling(contact, sink);
            }
            case ABANDONED -> {
                sink.post(Metric.T_ABANDON, waitEnd, wait, WAIT_END);
                if (wait < SHORT_ABANDON_MS) {
                    sink.post(Metric.T_SHORT_ABANDON, waitEnd, wait, WAIT_END);
                }
            }
            case FLOWED_OUT -> sink.post(Metric.T_FLOW_OUT, waitEnd, wait, WAIT_END);
            case VOICEMAIL -> {
                sink.post(Metric.T_FLOW_OUT, waitEnd, wait, WAIT_END);
                sink.post(Metric.T_VOICEMAIL, contact.voicemailEndedAtMs(), contact.voicemailMs(), VOICEMAIL_END);
            }
        }
    }

    private static void emitHandling(Contact contact, Sink sink) {
        long talkEnd = contact.talkEndedAtMs();
        sink.post(Metric.T_TALK_COMPLETE, talkEnd, contact.talkMs(), TALK_END);
        if (contact.heldMs() > 0) {
            sink.post(Metric.T_HELD_COMPLETE, talkEnd, contact.heldMs(), TALK_END);
        }
        Contact.Transfer transfer = contact.transfer();
        if (transfer.transferred()) {
            sink.post(Metric.N_TRANSFERRED, talkEnd, 0, TALK_END);
        }
        if (transfer == Contact.Transfer.BLIND) {
            sink.post(Metric.N_BLIND_TRANSFERRED, talkEnd, 0, TALK_END);
        }
        if (transfer.consulted()) {
            sink.post(Metric.N_CONSULT, talkEnd, 0, TALK_END);
        }
        if (transfer == Contact.Transfer.CONSULT_TRANSFER) {
            sink.post(Metric.N_CONSULT_TRANSFERRED, talkEnd, 0, TALK_END);
        }
        long acwEnd = contact.acwEndedAtMs();
        sink.post(Metric.T_ACW, acwEnd, contact.acwMs(), ACW_END);
        sink.post(Metric.T_HANDLE, acwEnd, contact.handleMs(), ACW_END);
    }
}
