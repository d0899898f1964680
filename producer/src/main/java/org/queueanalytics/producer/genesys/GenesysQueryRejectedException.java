package org.queueanalytics.producer.genesys;

/**
 * Genesys refused an aggregates query for a reason that splitting cannot fix: a 400 that does not
 * say "too large", or a query still too large for a single queue. No queue is to blame, so none is
 * named; the message carries Genesys' message and code and the query's shape (interval,
 * granularity, queue and predicate counts, media types, metrics), never a token or secret.
 *
 * <p>It fails the window, not the producer: the window is not fetched, so its checkpoint does not
 * move past it, and the next cycle asks again.
 */
public final class GenesysQueryRejectedException extends UnresentGenesysException {
    private final String code;
    private final String genesysMessage;

    /** @param why what was refused, e.g. "not as too large, so it was not split" */
    public GenesysQueryRejectedException(AggregatesQuery query, GenesysRequestRejectedException cause, String why) {
        super("Genesys Cloud refused the aggregates query (HTTP " + cause.status() + ", code "
                + orNone(cause.code()) + ": " + orNone(cause.genesysMessage()) + "), " + why
                + "; no queue is to blame. Query: " + query.shape()
                + ". Check analytics.interval and analytics.media_types; the window is polled again by the next cycle",
                cause.status(), cause);
        this.code = cause.code();
        this.genesysMessage = cause.genesysMessage();
    }

    /** The window is asked for again by the next cycle. */
    @Override
    public boolean isRetryable() {
        return true;
    }

    /** The Genesys error code, empty when the answer had none. */
    public String code() {
        return code;
    }

    /** Genesys' message, empty when the answer had none. */
    public String genesysMessage() {
        return genesysMessage;
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "(none)" : text;
    }
}
