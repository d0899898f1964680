package org.queueanalytics.emulator;

/** Names under which requests are counted ({@link GenesysEmulator#requestCount(String, int)}). */
public final class Endpoints {
    public static final String TOKEN = "POST /oauth/token";
    public static final String ROUTING_QUEUES = "GET /api/v2/routing/queues";
    public static final String ROUTING_QUEUE = "GET /api/v2/routing/queues/{queueId}";
    public static final String AGGREGATES = "POST /api/v2/analytics/conversations/aggregates/query";
    public static final String OBSERVATIONS = "POST /api/v2/analytics/queues/observations/query";
    /** Requests to paths the emulator does not serve. */
    public static final String OTHER = "other";
    /** The status recorded for a connection dropped on purpose, without any answer. */
    public static final int DROPPED = 0;

    private Endpoints() {
    }
}
