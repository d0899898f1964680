package org.queueanalytics.producer.genesys;

/**
 * A Genesys Cloud call failed. Classified once, by HTTP status (see {@link HttpErrorClassifier}),
 * into {@link RetryableGenesysException} (try again later) or {@link PermanentGenesysException}
 * (retrying cannot help: the configuration or the request must change). Messages name the
 * component and the fix and never carry a secret.
 */
public abstract class GenesysException extends Exception {
    private final int status;

    protected GenesysException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status that caused it, or 0 when no answer arrived (timeout, connection error). */
    public int status() {
        return status;
    }
}
