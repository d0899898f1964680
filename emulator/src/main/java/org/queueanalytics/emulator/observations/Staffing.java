package org.queueanalytics.emulator.observations;

import java.time.Instant;
import org.queueanalytics.emulator.analytics.ContactGenerator;
import org.queueanalytics.emulator.queues.EmulatedQueue;

/**
 * The agents of a queue, which the emulator does not model one by one: a deterministic head count from the
 * queue's traffic volume and the hour, so that user observations are reproducible and move with the traffic.
 *
 * <ul>
 *   <li>members = 5 + round(15 × volume) — fixed per queue (volume 0.2–2.0 gives 8–35);</li>
 *   <li>logged in at {@code t} = round(members × (0.1 + 0.7 × load)), within 1..members, where load is
 *       {@link ContactGenerator#timeOfWeek(Instant)} — the traffic's share of its peak at {@code t}'s UTC hour
 *       (× 0.3 at weekends): 80 % of the members at the busiest hours, a tenth at night, never nobody;</li>
 *   <li>on queue = logged in − ⌊logged in / 5⌋ — every fifth logged-in member is off queue (break, meeting,
 *       training).</li>
 * </ul>
 * Which of the on-queue agents are busy follows the conversations: see {@link UserCounts}.
 */
public final class Staffing {
    static final int BASE_MEMBERS = 5;
    static final double MEMBERS_PER_VOLUME = 15;
    static final double NIGHT_SHARE = 0.1;
    static final double PEAK_EXTRA_SHARE = 0.7;
    static final int OFF_QUEUE_ONE_IN = 5;

    private Staffing() {
    }

    public static int members(EmulatedQueue queue) {
        return BASE_MEMBERS + (int) Math.round(MEMBERS_PER_VOLUME * queue.volume());
    }

    public static int loggedIn(EmulatedQueue queue, Instant at) {
        int members = members(queue);
        double load = ContactGenerator.timeOfWeek(at);
        int loggedIn = (int) Math.round(members * (NIGHT_SHARE + PEAK_EXTRA_SHARE * load));
        return Math.max(1, Math.min(members, loggedIn));
    }

    public static int onQueue(int loggedIn) {
        return loggedIn - loggedIn / OFF_QUEUE_ONE_IN;
    }
}
