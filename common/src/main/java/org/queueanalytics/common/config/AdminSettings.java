package org.queueanalytics.common.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The admin HTTP server: bind address, port (0 = any free port), optional bearer token, and the
 * extra {@code Host} names and {@code Origin}s it accepts besides its own loopback addresses.
 * Bound to anything but a loopback address it needs a token: otherwise anyone who can reach the
 * port could reload it and read its status.
 */
public record AdminSettings(String host, int port, Secret token, List<String> allowedHosts, List<String> allowedOrigins) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#@\\s]+");

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        allowedOrigins = allowedOrigins.stream().map(AdminSettings::normalizeOrigin).toList();
        InvalidSettingsException.Checks checks = new InvalidSettingsException.Checks()
                .require(port >= 0 && port <= 65_535, "admin.port: must be between 0 and 65535")
                .require(isLoopback(host) || !token.isEmpty(), "admin.host: not a loopback address, so admin.token (or ADMIN_TOKEN) "
                        + "must be set — anyone who reaches the port could otherwise reload the service and read its status; "
                        + "set a token, or bind admin.host to 127.0.0.1");
        for (int i = 0; i < allowedOrigins.size(); i++) {
            checks.require(ORIGIN.matcher(allowedOrigins.get(i)).matches(),
                    "admin.allowed_origins[" + i + "]: must be an origin such as https://grafana.example.com:3000 (scheme://host[:port], no path)");
        }
        checks.throwIfAny();
    }

    /** Loopback-only settings with the given port and token and no extra hosts or origins. */
    public AdminSettings(String host, int port, Secret token) {
        this(host, port, token, List.of(), List.of());
    }

    /** Whether {@code host} is {@code localhost} or a loopback IP literal (127.0.0.0/8, ::1); no name is resolved. */
    public static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(h).matches();
    }

    private static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    static AdminSettings read(ConfigSection s) {
        String host = s.string("host", DEFAULT_HOST);
        int port = (int) s.integer("port", DEFAULT_PORT, 0, 65_535);
        Secret token = s.secret("token");
        List<String> hosts = s.strings("allowed_hosts");
        List<String> origins = s.strings("allowed_origins");
        return s.build(() -> new AdminSettings(host, port, token, hosts, origins));
    }
}
