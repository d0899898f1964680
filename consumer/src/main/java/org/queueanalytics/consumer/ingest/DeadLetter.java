package org.queueanalytics.consumer.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that cannot be stored, with why: {@code reason} is a short machine-readable kind
 * ({@code invalid-json}, {@code unsupported-schema-version}, {@code invalid-record},
 * {@code clickhouse-rejected}), {@code code} the
 * ClickHouse error code when the server rejected it (else -1), {@code message} the detail.
 */
public record DeadLetter(ConsumerRecord<byte[], byte[]> source, String reason, int code, String message) {
}
