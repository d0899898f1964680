package org.queueanalytics.producer.genesys;

/**
 * A 2xx answer whose body does not have the documented shape. Resending at once does not help,
 * but the next cycle may get a good answer: it fails the cycle, not the producer.
 */
public final class GenesysResponseException extends UnresentGenesysException {
    public GenesysResponseException(String message, Throwable cause) {
        super(message, 0, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
