package org.queueanalytics.producer.genesys;

import java.util.Objects;

/**
 * One API request as the client sends it: method, path with query, optional JSON body, and the
 * permission it needs (named in the error when Genesys answers 403).
 */
record ApiCall(String method, String pathAndQuery, String jsonBody, String requiredPermission) {
    static final String AGGREGATES_PERMISSION = "analytics:conversationAggregate:view";
    static final String QUEUES_PERMISSION = "routing:queue:view";

    ApiCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(requiredPermission, "requiredPermission");
    }

    static ApiCall get(String pathAndQuery, String permission) {
        return new ApiCall("GET", pathAndQuery, null, permission);
    }

    static ApiCall post(String path, String jsonBody, String permission) {
        return new ApiCall("POST", path, Objects.requireNonNull(jsonBody, "jsonBody"), permission);
    }

    /** "POST /api/v2/…" without the query string (query strings can be long lists of ids). */
    String describe() {
        int q = pathAndQuery.indexOf('?');
        return method + " " + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    }
}
