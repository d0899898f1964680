package org.queueanalytics.common.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Genesys Cloud OAuth client credentials. The token endpoint is {@code login_url + /oauth/token};
 * without {@code login_url} the login host is the API host with its leading {@code api.} label
 * replaced by {@code login.} (every Genesys region follows that rule).
 */
public record OAuthSettings(URI baseUrl, URI loginUrl, String clientId, Secret clientSecret) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.mypurecloud.com");

    public OAuthSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (loginUrl == null && derivedLoginHost(baseUrl) == null) {
            throw new IllegalArgumentException("oauth.login_url: must be set when the host of oauth.base_url ("
                    + baseUrl.getHost() + ") does not start with 'api.' (the login host cannot be derived)");
        }
    }

    /** The login base URL: {@code login_url} when given, else derived from {@code base_url}. */
    public URI effectiveLoginUrl() {
        if (loginUrl != null) {
            return loginUrl;
        }
        String host = derivedLoginHost(baseUrl);
        return URI.create(baseUrl.getScheme() + "://" + host + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : ""));
    }

    public URI tokenUri() {
        return join(effectiveLoginUrl(), "/oauth/token");
    }

    /** An absolute URI for an API path such as {@code /api/v2/routing/queues}. */
    public URI apiUri(String pathAndQuery) {
        return join(baseUrl, pathAndQuery);
    }

    private static URI join(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    private static String derivedLoginHost(URI baseUrl) {
        String host = baseUrl.getHost();
        if (host == null || !host.toLowerCase(Locale.ROOT).startsWith("api.")) {
            return null;
        }
        return "login." + host.substring(4);
    }

    static OAuthSettings read(ConfigSection s) {
        URI base = s.uri("base_url", DEFAULT_BASE_URL);
        URI login = s.uri("login_url", null);
        String clientId = s.credential("client_id", "");
        Secret secret = s.secret("client_secret");
        if (clientId.isBlank()) {
            s.error("client_id", "is required (or set GENESYS_CLIENT_ID)");
        }
        if (secret.isEmpty()) {
            s.error("client_secret", "is required (or set GENESYS_CLIENT_SECRET)");
        }
        return s.build(() -> new OAuthSettings(base, login, clientId, secret));
    }
}
