package org.queueanalytics.common.record;

/** A Kafka record that cannot be stored: unparseable, or failing validation. Goes to the DLQ. */
public class InvalidRecordException extends Exception {
    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
