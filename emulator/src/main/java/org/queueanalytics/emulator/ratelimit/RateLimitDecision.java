package org.queueanalytics.emulator.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one request against its token's budget.
 *
 * @param allowed       whether the request may proceed
 * @param count         requests counted in the current window (rejected ones are not counted)
 * @param limit         the budget per window
 * @param resetSeconds  whole seconds until the window frees, rounded up (≥ 1), so a client that
 *                      waits that long is never rejected again by the same window
 */
public record RateLimitDecision(boolean allowed, int count, int limit, long resetSeconds) {

    /** The {@code inin-ratelimit-*} headers every rate-limited answer carries. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("inin-ratelimit-count", Integer.toString(count));
        headers.put("inin-ratelimit-allowed", Integer.toString(limit));
        headers.put("inin-ratelimit-reset", Long.toString(resetSeconds));
        return headers;
    }
}
