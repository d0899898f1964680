package org.queueanalytics.producer.genesys;

/** A failure that repeating the same request cannot fix. */
public abstract class PermanentGenesysException extends GenesysException {
    protected PermanentGenesysException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
