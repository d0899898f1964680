package org.queueanalytics.emulator.observations;

import java.time.Instant;
import org.queueanalytics.emulator.queues.EmulatedQueue;

/**
 * A queue's agents at one instant, from {@link Staffing} and the conversations with an agent now.
 *
 * @param members     {@code oMemberUsers}
 * @param loggedIn    {@code oActiveUsers}
 * @param onQueue     {@code oOnQueueUsers} over both qualifiers
 * @param interacting on-queue agents busy with a conversation: min(on queue, conversations alerting or
 *                    interacting over all the queue's media types) — an agent may carry several chats or emails,
 *                    so the conversations can outnumber the agents, never the other way round
 */
public record UserCounts(int members, int loggedIn, int onQueue, int interacting) {

    public UserCounts {
        if (members < 0 || loggedIn < 0 || loggedIn > members || onQueue > loggedIn || interacting < 0 || interacting > onQueue) {
            throw new IllegalArgumentException("inconsistent user counts: members " + members + ", logged in "
                    + loggedIn + ", on queue " + onQueue + ", interacting " + interacting);
        }
    }

    /** @param conversationsWithAgent conversations alerting or interacting on any media type of the queue now */
    public static UserCounts of(EmulatedQueue queue, Instant at, int conversationsWithAgent) {
        int loggedIn = Staffing.loggedIn(queue, at);
        int onQueue = Staffing.onQueue(loggedIn);
        return new UserCounts(Staffing.members(queue), loggedIn, onQueue, Math.min(onQueue, conversationsWithAgent));
    }

    /** On queue and free: the {@code IDLE} qualifier. */
    public int idle() {
        return onQueue - interacting;
    }

    /** Logged in, not on queue: {@code oOffQueueUsers}, routing status {@code OFF_QUEUE}. */
    public int offQueue() {
        return loggedIn - onQueue;
    }
}
