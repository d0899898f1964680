package org.queueanalytics.emulator.observations;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last answers the observations endpoint served, each with the instant it observed, so that a test can
 * compare what a client stored with exactly what it was told. Bounded ({@link #CAPACITY} answers; an answer of
 * 100 queues holds a few thousand values), oldest dropped first. Thread-safe.
 */
public final class ObservationLedger {
    public static final int CAPACITY = 64;

    private final Deque<QueueObservations> answers = new ArrayDeque<>();

    public synchronized void record(QueueObservations answer) {
        if (answers.size() == CAPACITY) {
            answers.removeFirst();
        }
        answers.addLast(answer);
    }

    /** Oldest first. */
    public synchronized List<QueueObservations> all() {
        return List.copyOf(answers);
    }

    public synchronized void clear() {
        answers.clear();
    }
}
