package org.queueanalytics.producer;

/**
 * The producer cannot go on without a change by an operator (credentials, permissions, queue ids,
 * Kafka settings). The message names the component and the fix. {@code ProducerMain} exits 1.
 */
public final class ProducerFailure extends Exception {
    public ProducerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
