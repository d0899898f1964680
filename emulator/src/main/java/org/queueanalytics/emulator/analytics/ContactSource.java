package org.queueanalytics.emulator.analytics;

import java.time.Instant;
import java.util.function.Consumer;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;

/**
 * Where the engine gets the conversations of a (queue, media type): the seeded
 * {@link ContactGenerator} in production, a fixed list in tests that need specific contacts.
 */
@FunctionalInterface
public interface ContactSource {
    /**
     * Passes every contact of {@code queue}/{@code media} that may have an event in
     * {@code [from, to)} or be in progress during it — including contacts offered before {@code from}
     * whose later events fall inside, or which are still waiting or talking then (the live observations
     * ask for {@code [t, t + 1 ms)}). Passing more is allowed: callers keep only what concerns the range.
     */
    void forEachContact(EmulatedQueue queue, MediaType media, Instant from, Instant to, Consumer<Contact> action);
}
