package org.queueanalytics.producer.genesys;

/** A failure that may go away by itself: the same request can be sent again later. */
public abstract class TransientGenesysException extends GenesysException {
    protected TransientGenesysException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }

    /** Always: the next cycle sends the request again. */
    @Override
    public final boolean isRetryable() {
        return true;
    }
}
