package org.queueanalytics.producer.genesys;

/**
 * A Genesys Cloud call failed. Classified once, by HTTP status (see {@link HttpErrorClassifier}),
 * into {@link TransientGenesysException} (the HTTP client resends it with backoff) or
 * {@link UnresentGenesysException} (resending the same request cannot help, so it is not
 * resent). Messages name the component and the fix and never carry a secret.
 *
 * <p>Whether the producer goes on is {@link #isRetryable()}, a property of each type: the service
 * fails the cycle and the next cycle tries again when it is true, and stops when it is false.
 */
public abstract class GenesysException extends Exception {
    private final int status;

    protected GenesysException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * True when a later attempt may succeed without a change of configuration: the producer fails
     * this cycle (its checkpoint stays) and the next cycle tries again. False when only a change of
     * configuration or permissions helps: the producer stops.
     */
    public abstract boolean isRetryable();

    /** The HTTP status that caused it, or 0 when no answer arrived (timeout, connection error). */
    public int status() {
        return status;
    }
}
