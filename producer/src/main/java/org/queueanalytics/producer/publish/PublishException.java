package org.queueanalytics.producer.publish;

/** Kafka did not acknowledge records or a checkpoint (or topic creation failed). Retryable next cycle. */
public final class PublishException extends Exception {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
