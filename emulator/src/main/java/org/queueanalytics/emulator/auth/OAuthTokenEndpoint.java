package org.queueanalytics.emulator.auth;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.queueanalytics.emulator.errors.OAuthErrors;

/**
 * {@code POST /oauth/token} of the login host: client-credentials grant with HTTP Basic
 * client authentication. Answers {@code {"access_token","token_type":"bearer","expires_in"}}.
 */
public final class OAuthTokenEndpoint {
    public static final String PATH = "/oauth/token";
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ClientCredentials accepted;
    private final TokenStore tokens;

    public OAuthTokenEndpoint(ClientCredentials accepted, TokenStore tokens) {
        this.accepted = accepted;
        this.tokens = tokens;
    }

    public Map<String, Object> issue(Context ctx) {
        boolean authenticated = ClientCredentials.fromBasicHeader(ctx.header("Authorization"))
                .map(accepted::sameAs)
                .orElse(false);
        if (!authenticated) {
            throw OAuthErrors.invalidClient();
        }
        String grantType = ctx.formParam("grant_type");
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw OAuthErrors.unsupportedGrantType(grantType);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue());
        body.put("token_type", "bearer");
        body.put("expires_in", tokens.ttl().toSeconds());
        return body;
    }
}
