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
     * {@code [from, to)} — including contacts offered before {@code from} whose later events fall
     * inside. Passing more is allowed: the engine keeps only the events inside the range.
     */
    void forEachContact(EmulatedQueue queue, MediaType media, Instant from, Instant to, Consumer<Contact> action);
}
