package org.queueanalytics.producer.genesys;

/** A 2xx answer whose body does not have the documented shape. */
public final class GenesysResponseException extends PermanentGenesysException {
    public GenesysResponseException(String message, Throwable cause) {
        super(message, 0, cause);
    }
}
