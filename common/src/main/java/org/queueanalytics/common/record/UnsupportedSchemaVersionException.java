package org.queueanalytics.common.record;

/**
 * A record whose {@code schema_version} this reader does not know (only
 * {@link QueueIntervalRecord#SCHEMA_VERSION} is). It is not read any further as the current schema:
 * a newer producer may have changed what its fields mean. The consumer dead-letters it with the
 * reason {@code unsupported-schema-version}.
 */
public final class UnsupportedSchemaVersionException extends InvalidRecordException {
    private final long version;

    UnsupportedSchemaVersionException(long version) {
        super("record has schema_version " + version + "; this consumer reads only schema_version "
                + QueueIntervalRecord.SCHEMA_VERSION + " (upgrade the consumer to read newer records)");
        this.version = version;
    }

    /** The {@code schema_version} the record carries. */
    public long version() {
        return version;
    }
}
