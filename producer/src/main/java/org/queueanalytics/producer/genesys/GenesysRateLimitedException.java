package org.queueanalytics.producer.genesys;

/** Still answered 429 after the bounded number of Retry-After waits; the next cycle tries again. */
public final class GenesysRateLimitedException extends TransientGenesysException {
    public GenesysRateLimitedException(String message) {
        super(message, 429, null);
    }
}
