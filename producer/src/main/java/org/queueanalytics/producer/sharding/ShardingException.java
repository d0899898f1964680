package org.queueanalytics.producer.sharding;

/**
 * The producers' group membership cannot work without an operator (the message names the fix):
 * the coordination topic has another number of partitions than {@code producer.shards}, or the
 * Kafka client may not use the group or the topic. Transient problems (a broker that is down)
 * are retried instead and never surface as this.
 */
public final class ShardingException extends Exception {
    public ShardingException(String message, Throwable cause) {
        super(message, cause);
    }
}
