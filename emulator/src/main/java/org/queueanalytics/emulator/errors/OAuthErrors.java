package org.queueanalytics.emulator.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Errors of the login host's token endpoint: {@code {"error":"…","description":"…"}}. */
public final class OAuthErrors {
    private OAuthErrors() {
    }

    public static ApiException invalidClient() {
        return error(401, "invalid_client", "client not found or secret does not match");
    }

    public static ApiException unsupportedGrantType(String grantType) {
        return error(400, "unsupported_grant_type",
                "grant_type must be client_credentials, got " + (grantType == null ? "nothing" : "'" + grantType + "'"));
    }

    private static ApiException error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("description", description);
        return new ApiException(status, body, Map.of());
    }
}
