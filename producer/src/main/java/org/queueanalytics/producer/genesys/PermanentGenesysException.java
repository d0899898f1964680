package org.queueanalytics.producer.genesys;

/**
 * A failure that resending the same request cannot fix, so the HTTP client does not resend it.
 * Most of these (bad credentials, a missing permission, a refused request) stop the producer; a
 * subtype whose next cycle may succeed says so by overriding {@link #isRetryable()}.
 */
public abstract class PermanentGenesysException extends GenesysException {
    protected PermanentGenesysException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }

    /** False unless a subtype says otherwise: only a change of configuration helps. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
