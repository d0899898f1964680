package org.queueanalytics.producer.genesys;

import java.time.Duration;

/**
 * What {@link GenesysHttpClient} reports about its requests, for the metrics. Called on the
 * requesting threads: implementations are thread-safe and return at once.
 */
public interface ApiObserver {
    /** Observes nothing. */
    ApiObserver NONE = new ApiObserver() {
    };

    /**
     * One request to {@code endpoint} ("POST /api/v2/…", without the query string) was answered with
     * HTTP {@code status}, or got no answer ({@code status} 0: timeout, connection error).
     */
    default void responded(String endpoint, int status) {
    }

    /** A request waited {@code wait} for a slot of the client-side budget ({@code analytics.max_requests_per_minute}). */
    default void budgetWaited(Duration wait) {
    }

    /** Genesys answered 429: every request pauses for {@code wait} ({@code Retry-After}). */
    default void rateLimited(Duration wait) {
    }
}
