package org.queueanalytics.producer.genesys;

import java.util.Objects;

/**
 * One API request as the client sends it: method, path with query, optional JSON body, the
 * permission it needs (named in the error when Genesys answers 403) and the shape its 2xx answer
 * must have to be read as data.
 */
record ApiCall(String method, String pathAndQuery, String jsonBody, String requiredPermission, AnswerShape answerShape) {
    static final String AGGREGATES_PERMISSION = "analytics:conversationAggregate:view";
    static final String QUEUES_PERMISSION = "routing:queue:view";
    static final String OBSERVATIONS_PERMISSION = "analytics:queueObservation:view";

    ApiCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(requiredPermission, "requiredPermission");
        Objects.requireNonNull(answerShape, "answerShape");
    }

    /** A GET whose answer may be any JSON object. */
    static ApiCall get(String pathAndQuery, String permission) {
        return get(pathAndQuery, permission, AnswerShape.JSON_OBJECT);
    }

    static ApiCall get(String pathAndQuery, String permission, AnswerShape answerShape) {
        return new ApiCall("GET", pathAndQuery, null, permission, answerShape);
    }

    /** A POST whose answer may be any JSON object. */
    static ApiCall post(String path, String jsonBody, String permission) {
        return post(path, jsonBody, permission, AnswerShape.JSON_OBJECT);
    }

    static ApiCall post(String path, String jsonBody, String permission, AnswerShape answerShape) {
        return new ApiCall("POST", path, Objects.requireNonNull(jsonBody, "jsonBody"), permission, answerShape);
    }

    /** "POST /api/v2/…" without the query string (query strings can be long lists of ids). */
    String describe() {
        int q = pathAndQuery.indexOf('?');
        return method + " " + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    }
}
