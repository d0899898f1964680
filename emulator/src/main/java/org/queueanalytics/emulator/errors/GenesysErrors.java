package org.queueanalytics.emulator.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the error answers of the Genesys Cloud Platform API:
 * {@code {"message","code","status","contextId","details":[],"errors":[]}}.
 * The {@code contextId} is filled by the web layer with the request's correlation id.
 */
public final class GenesysErrors {
    public static final String CONTEXT_ID = "contextId";

    private GenesysErrors() {
    }

    public static ApiException badRequest(String message) {
        return error(400, "bad.request", message);
    }

    public static ApiException invalidValue(String message) {
        return error(400, "invalid.value", message);
    }

    public static ApiException invalidDate(String message) {
        return error(400, "invalid.date", message);
    }

    public static ApiException authenticationRequired(String message) {
        return error(401, "authentication.required", message);
    }

    public static ApiException credentialsExpired(String message) {
        return error(401, "credentials.expired", message);
    }

    public static ApiException missingPermission(String permission) {
        return error(403, "missing.any.permissions",
                "Unable to perform the requested action. You are missing the following permission(s): ["
                        + permission + "]");
    }

    public static ApiException notFound(String message) {
        return error(404, "not.found", message);
    }

    public static ApiException tooLarge(String message) {
        return error(413, "request.entity.too.large", message);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds, Map<String, String> rateLimitHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(rateLimitHeaders);
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        return new ApiException(429, body(429, "too.many.requests.retry.after",
                "Rate limit exceeded the maximum. Retry the request in [" + retryAfterSeconds + "] seconds"),
                headers);
    }

    /** An injected server-side failure with the code Genesys uses for that status. */
    public static ApiException injected(int status) {
        ApiException base = error(status, codeFor(status), "Injected fault (emulator): HTTP " + status);
        if (status == 429) {
            return new ApiException(429, base.body(), Map.of("Retry-After", "1"));
        }
        return base;
    }

    public static ApiException internalError(String message) {
        return error(500, "internal.server.error", message);
    }

    public static ApiException error(int status, String code, String message) {
        return new ApiException(status, body(status, code, message), Map.of());
    }

    private static Map<String, Object> body(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("code", code);
        body.put("status", status);
        body.put("details", List.of());
        body.put("errors", List.of());
        return body;
    }

    private static String codeFor(int status) {
        switch (status) {
            case 400: return "bad.request";
            case 401: return "authentication.required";
            case 403: return "missing.any.permissions";
            case 404: return "not.found";
            case 408: case 504: return "request.timeout";
            case 413: return "request.entity.too.large";
            case 429: return "too.many.requests";
            case 502: return "bad.gateway";
            case 503: return "service.unavailable";
            default: return status >= 500 ? "internal.server.error" : "bad.request";
        }
    }
}
