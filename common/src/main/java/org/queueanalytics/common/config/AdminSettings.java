package org.queueanalytics.common.config;

import java.util.Objects;

/** The admin HTTP server: bind address, port (0 = any free port) and optional bearer token. */
public record AdminSettings(String host, int port, Secret token) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin.port: must be between 0 and 65535");
        }
    }

    static AdminSettings read(ConfigSection s) {
        String host = s.string("host", DEFAULT_HOST);
        int port = (int) s.integer("port", DEFAULT_PORT, 0, 65_535);
        Secret token = s.secret("token");
        return s.build(() -> new AdminSettings(host, port, token));
    }
}
