package org.queueanalytics.producer.genesys;

/** An aggregates query for one single queue is still refused after splitting: that queue is the problem. */
public final class GenesysQueueRejectedException extends PermanentGenesysException {
    private final String queueId;

    public GenesysQueueRejectedException(String queueId, GenesysRequestRejectedException cause) {
        super("Genesys Cloud refused the aggregates query for queue " + queueId + " even on its own (HTTP "
                + cause.status() + "): " + cause.getMessage()
                + " — check that the queue id in analytics.queue_ids is valid", cause.status(), cause);
        this.queueId = queueId;
    }

    public String queueId() {
        return queueId;
    }
}
