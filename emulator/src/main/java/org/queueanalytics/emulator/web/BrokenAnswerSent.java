package org.queueanalytics.emulator.web;

import org.queueanalytics.emulator.faults.BrokenAnswer;

/** Signals, through the handler chain, that the answer is an injected 200 with a broken body instead of data. */
final class BrokenAnswerSent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BrokenAnswer answer;

    BrokenAnswerSent(BrokenAnswer answer) {
        super("broken 200 answer on purpose (fault injection): " + answer.wireName(), null, false, false);
        this.answer = answer;
    }

    BrokenAnswer answer() {
        return answer;
    }
}
