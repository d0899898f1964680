package org.queueanalytics.producer.genesys;

/** Why a result group of an aggregates answer was skipped; {@link #tag()} is the metric's {@code reason} tag. */
public enum SkipReason {
    /** The group has no {@code queueId}: its buckets cannot be attributed to a queue. */
    MISSING_QUEUE_ID("missing_queue_id"),
    /** The group has a {@code queueId} but no {@code mediaType}: its buckets have no record key. */
    MISSING_MEDIA_TYPE("missing_media_type");

    private final String tag;

    SkipReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
