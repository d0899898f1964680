package org.queueanalytics.emulator.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer that is not a success, thrown by any stage of a request and rendered once by the
 * web layer. {@code body} is the exact JSON object to send (Genesys API error body or OAuth
 * error body); {@code headers} are added to the answer (e.g. {@code Retry-After}).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, Object> body;
    private final transient Map<String, String> headers;

    public ApiException(int status, Map<String, Object> body, Map<String, String> headers) {
        super("HTTP " + status + ": " + body.getOrDefault("message", body.get("error")), null, false, false);
        this.status = status;
        this.body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
