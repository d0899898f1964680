package org.queueanalytics.common.record;

/**
 * Thrown by {@link JsonCursor} and {@link CanonicalRecordReader} to leave the fast path: the
 * input is not in the canonical form, so databind reads it. Never escapes
 * {@link CanonicalRecordReader#read}; one shared instance without a stack trace, because
 * leaving the fast path must cost next to nothing.
 */
final class NotCanonical extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final NotCanonical INSTANCE = new NotCanonical();

    private NotCanonical() {
        super(null, null, false, false);
    }

    static NotCanonical notCanonical() {
        return INSTANCE;
    }
}
