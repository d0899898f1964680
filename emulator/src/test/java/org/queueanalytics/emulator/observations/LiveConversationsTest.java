package org.queueanalytics.emulator.observations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.analytics.Contact;

/** Each phase of a contact, probed just before, at the start of, inside, at the end of and after it. */
class LiveConversationsTest {
    private static final Instant T0 = Instant.parse("2025-01-27T10:00:00Z");

    /** Offered at 10:00:00, waits 60 s (ringing its agent the last 5 s), talks 120 s, holds 30 s, wraps up 60 s. */
    private static final Contact ANSWERED = Contact.answered(1, T0, 60_000, 5_000, 120_000, 30_000, 60_000);

    private static LiveConversations at(String instant, Contact... contacts) {
        LiveConversations live = new LiveConversations(Instant.parse(instant).toEpochMilli());
        List.of(contacts).forEach(live);
        return live;
    }

    private static void assertState(LiveConversations live, int waiting, int alerting, int interacting) {
        assertThat(new int[] {live.waiting(), live.alerting(), live.interacting()})
                .as("waiting, alerting, interacting").containsExactly(waiting, alerting, interacting);
    }

    @Test
    void anAnsweredContactWaitsThenRingsThenInteractsAndIsGoneDuringWrapUp() {
        assertState(at("2025-01-27T09:59:59.999Z", ANSWERED), 0, 0, 0);
        assertState(at("2025-01-27T10:00:00Z", ANSWERED), 1, 0, 0);
        assertState(at("2025-01-27T10:00:54.999Z", ANSWERED), 1, 0, 0);
        assertState(at("2025-01-27T10:00:55Z", ANSWERED), 1, 1, 0);      // ringing: still waiting in queue
        assertState(at("2025-01-27T10:00:59.999Z", ANSWERED), 1, 1, 0);
        assertState(at("2025-01-27T10:01:00Z", ANSWERED), 0, 0, 1);      // answered
        assertState(at("2025-01-27T10:03:29.999Z", ANSWERED), 0, 0, 1);  // talk 120 s + hold 30 s
        assertState(at("2025-01-27T10:03:30Z", ANSWERED), 0, 0, 0);      // after-call work: not interacting
        assertState(at("2025-01-27T10:04:30Z", ANSWERED), 0, 0, 0);
    }

    @Test
    void theLongestWaitAndInteractionAreTheEarliestStarts() {
        LiveConversations waiting = at("2025-01-27T10:00:30Z", ANSWERED,
                Contact.answered(2, T0.plusSeconds(10), 60_000, 5_000, 1_000, 0, 0));
        assertThat(waiting.oldestWaitStartMs()).isEqualTo(T0.toEpochMilli());
        assertThat(waiting.oldestInteractionStartMs()).isNull();

        LiveConversations interacting = at("2025-01-27T10:01:30Z", ANSWERED,
                Contact.answered(2, T0.plusSeconds(10), 60_000, 5_000, 60_000, 0, 0));
        assertThat(interacting.interacting()).isEqualTo(2);
        assertThat(interacting.oldestInteractionStartMs()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(interacting.oldestWaitStartMs()).isNull();
    }

    @Test
    void anAlertThatTimedOutCountsAsAlertingToo() {
        // wait 30 s: 14 s in queue, 8 s ringing an agent who does not respond, 8 s ringing the one who answers
        Contact contact = new Contact(3, T0, Contact.Direction.INBOUND, Contact.Outcome.ANSWERED, 30_000, 8_000, 8_000,
                60_000, 0, 10_000, Contact.Transfer.NONE, false, 0);

        assertState(at("2025-01-27T10:00:13.999Z", contact), 1, 0, 0);
        assertState(at("2025-01-27T10:00:14Z", contact), 1, 1, 0);
        assertState(at("2025-01-27T10:00:22Z", contact), 1, 1, 0);
        assertState(at("2025-01-27T10:00:30Z", contact), 0, 0, 1);
    }

    @Test
    void unansweredContactsWaitUntilTheyLeaveWhateverTheOutcome() {
        Contact abandoned = Contact.unanswered(4, T0, Contact.Outcome.ABANDONED, 40_000);
        Contact flowedOut = Contact.unanswered(5, T0, Contact.Outcome.FLOWED_OUT, 40_000);
        Contact voicemail = new Contact(6, T0, Contact.Direction.INBOUND, Contact.Outcome.VOICEMAIL, 40_000, 0, 0, 0, 0,
                0, Contact.Transfer.NONE, false, 60_000);

        assertState(at("2025-01-27T10:00:39.999Z", abandoned, flowedOut, voicemail), 3, 0, 0);
        assertState(at("2025-01-27T10:00:40Z", abandoned, flowedOut, voicemail), 0, 0, 0);  // voicemail: nobody's
    }

    @Test
    void anOutboundContactInteractsFromItsStartAndNeverWaits() {
        Contact outbound = new Contact(7, T0, Contact.Direction.OUTBOUND, Contact.Outcome.ANSWERED, 0, 0, 0, 90_000, 0,
                30_000, Contact.Transfer.NONE, false, 0);

        assertState(at("2025-01-27T09:59:59.999Z", outbound), 0, 0, 0);
        assertState(at("2025-01-27T10:00:00Z", outbound), 0, 0, 1);
        assertState(at("2025-01-27T10:01:29.999Z", outbound), 0, 0, 1);
        assertState(at("2025-01-27T10:01:30Z", outbound), 0, 0, 0);
        assertThat(at("2025-01-27T10:00:10Z", outbound).oldestInteractionStartMs()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void withAgentCountsAlertingAndInteracting() {
        Contact interacting = Contact.answered(8, T0.minusSeconds(120), 10_000, 2_000, 600_000, 0, 0);

        assertThat(at("2025-01-27T10:00:57Z", ANSWERED, interacting).withAgent()).isEqualTo(2);
    }
}
