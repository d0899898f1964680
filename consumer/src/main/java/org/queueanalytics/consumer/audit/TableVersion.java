package org.queueanalytics.consumer.audit;

/** The table's newest row of one key: its fetched_at and the digest of its values. */
public record TableVersion(long fetchedAtMillis, ColumnValues.Digest digest) {
}
