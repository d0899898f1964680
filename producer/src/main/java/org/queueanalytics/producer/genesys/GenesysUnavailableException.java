package org.queueanalytics.producer.genesys;

/** 5xx, 408, a timeout or a connection error: retried with exponential backoff. */
public final class GenesysUnavailableException extends TransientGenesysException {
    public GenesysUnavailableException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
