package org.queueanalytics.common.admin;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.queueanalytics.common.config.AdminSettings;

/**
 * Decides whether an admin request may come from where it says it comes from, against browser
 * attacks on a server bound to a local address: a page on another site cannot POST {@code /reload}
 * (its {@code Origin} is foreign) and cannot read {@code /status} by pointing its own DNS name at
 * 127.0.0.1 (the {@code Host} is then that name).
 *
 * <ul>
 *   <li>{@code Host} must be {@code localhost}, {@code 127.0.0.1}, {@code [::1]} or the bound
 *       address, each with the admin port; or an entry of {@code admin.allowed_hosts} — an entry
 *       {@code name} accepts {@code name} and {@code name:<admin port>}, {@code name:port} only itself.</li>
 *   <li>A request with an {@code Origin} header is accepted only from its own origin
 *       ({@code http://<Host>}) or an entry of {@code admin.allowed_origins}.</li>
 * </ul>
 */
final class RequestOriginCheck {
    private final AdminSettings settings;

    RequestOriginCheck(AdminSettings settings) {
        this.settings = settings;
    }

    /** Why the request is refused, or empty when it may proceed. */
    Optional<String> rejection(String hostHeader, String originHeader, int boundPort) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return Optional.of("missing Host header");
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (!allowedHosts(boundPort).contains(host)) {
            return Optional.of("Host not allowed: add it to admin.allowed_hosts to reach the admin server under that name");
        }
        if (originHeader != null) {
            String origin = originHeader.trim().toLowerCase(Locale.ROOT);
            boolean sameOrigin = origin.equals("http://" + host) || origin.equals("https://" + host);
            if (!sameOrigin && !settings.allowedOrigins().contains(origin)) {
                return Optional.of("cross-origin request refused: add the origin to admin.allowed_origins to allow it");
            }
        }
        return Optional.empty();
    }

    private Set<String> allowedHosts(int port) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : new String[] {"localhost", "127.0.0.1", "[::1]", bracketed(settings.host().toLowerCase(Locale.ROOT))}) {
            out.add(name + ":" + port);
        }
        for (String entry : settings.allowedHosts()) {
            out.add(entry);
            if (!hasPort(entry)) {
                out.add(entry + ":" + port);
            }
        }
        return out;
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static boolean hasPort(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon > entry.lastIndexOf(']') && colon >= 0;
    }
}
