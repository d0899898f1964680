package org.queueanalytics.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** The one OAuth client the emulator accepts. {@link #toString()} never shows the secret. */
public record ClientCredentials(String clientId, String clientSecret) {
    public static final String DEFAULT_CLIENT_ID = "demo-client";
    public static final String DEFAULT_CLIENT_SECRET = "demo-secret";

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId.isBlank() || clientSecret.isBlank()) {
            throw new IllegalArgumentException("client id and client secret must not be blank");
        }
    }

    public static ClientCredentials defaults() {
        return new ClientCredentials(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    }

    /** Decodes an {@code Authorization: Basic …} header; empty when absent or malformed. */
    public static Optional<ClientCredentials> fromBasicHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0 || colon == decoded.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    public boolean sameAs(ClientCredentials other) {
        return clientId.equals(other.clientId) && MessageDigest.isEqual(
                clientSecret.getBytes(StandardCharsets.UTF_8), other.clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
