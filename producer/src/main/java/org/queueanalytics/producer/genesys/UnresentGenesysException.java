package org.queueanalytics.producer.genesys;

/**
 * A failure that resending the same request at once cannot fix, so the HTTP client does not resend
 * it. Not being resent says nothing about the next cycle: most of these (bad credentials, a missing permission, a refused request) stop the producer; a
 * subtype whose next cycle may succeed says so by overriding {@link #isRetryable()}.
 */
public abstract class UnresentGenesysException extends GenesysException {
    protected UnresentGenesysException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }

    /** False unless a subtype says otherwise: only a change of configuration helps. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
