package org.queueanalytics.common.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.queueanalytics.common.config.AdminSettings;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.common.reload.ReloadOutcome;

/**
 * The admin HTTP server both services expose (README "Admin endpoints"):
 * {@code POST /reload}, {@code GET /healthz}, {@code /readyz}, {@code /metrics}, {@code /status}.
 * When {@code admin.token} is set every endpoint but {@code /healthz} needs
 * {@code Authorization: Bearer <token>}, compared in constant time. No endpoint reads a path or
 * a configuration from the request: {@code /reload} re-reads the file given at start-up.
 * Requests under a foreign {@code Host} or from a foreign {@code Origin} get 403
 * ({@link RequestOriginCheck}), so a web page cannot reach the server through the browser.
 */
public final class AdminServer implements AutoCloseable {
    private static final long MAX_REQUEST_BYTES = 4096;

    private final AdminSettings settings;
    private final ConfigReloader reloader;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Readiness> readiness;
    private final Supplier<Map<String, Object>> status;
    private final Supplier<Liveness> liveness;
    private final RequestOriginCheck originCheck;
    private Javalin app;

    /** A server whose {@code /healthz} always answers 200 (for a service without a loop of its own). */
    public AdminServer(AdminSettings settings, ConfigReloader reloader, PrometheusMeterRegistry registry,
                       Supplier<Readiness> readiness, Supplier<Map<String, Object>> status) {
        this(settings, reloader, registry, readiness, status, () -> Liveness.alive("alive"));
    }

    /** @param liveness {@code /healthz}: 200 while the service's loop runs, 503 once it ended */
    public AdminServer(AdminSettings settings, ConfigReloader reloader, PrometheusMeterRegistry registry,
                       Supplier<Readiness> readiness, Supplier<Map<String, Object>> status, Supplier<Liveness> liveness) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reloader = Objects.requireNonNull(reloader, "reloader");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.status = Objects.requireNonNull(status, "status");
        this.liveness = Objects.requireNonNull(liveness, "liveness");
        this.originCheck = new RequestOriginCheck(settings);
    }

    public synchronized AdminServer start() {
        if (app != null) {
            return this;
        }
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.routes.before(this::checkOrigin);
            cfg.routes.before(this::authorize);
            cfg.routes.get("/healthz", this::healthz);
            cfg.routes.get("/readyz", this::readyz);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
            cfg.routes.get("/status", ctx -> ctx.json(status.get()));
            cfg.routes.post("/reload", this::reload);
            cfg.jsonMapper(new io.javalin.json.JavalinJackson(RecordJson.mapper(), false));
        });
        app.start(settings.host(), settings.port());
        return this;
    }

    /** The bound port (useful when {@code admin.port} is 0). */
    public int port() {
        return app.port();
    }

    /** {@link RequestOriginCheck}: a foreign {@code Host} or {@code Origin} gets 403 (liveness probes excepted). */
    private void checkOrigin(Context ctx) {
        if ("/healthz".equals(ctx.path()) && ctx.header("Origin") == null) {
            return; // probes reach it under any address (a pod IP); it shows nothing and changes nothing
        }
        originCheck.rejection(ctx.header("Host"), ctx.header("Origin"), port()).ifPresent(reason -> {
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", reason));
            ctx.skipRemainingHandlers();
        });
    }

    private void authorize(Context ctx) {
        if (settings.token().isEmpty() || "/healthz".equals(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        byte[] expected = ("Bearer " + settings.token().reveal()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "missing or wrong bearer token"));
            ctx.skipRemainingHandlers();
        }
    }

    private void healthz(Context ctx) {
        Liveness l = liveness.get();
        ctx.status(l.alive() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(l.alive() ? Map.of("status", "alive") : Map.of("status", "not running", "reason", l.reason()));
    }

    private void readyz(Context ctx) {
        Readiness r = readiness.get();
        ctx.status(r.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("ready", r.ready(), "reason", r.reason()));
    }

    private void reload(Context ctx) {
        ReloadOutcome outcome = reloader.reload();
        if (outcome instanceof ReloadOutcome.Reloaded r) {
            ctx.json(Map.of("status", "reloaded", "changed", r.changed()));
        } else if (outcome instanceof ReloadOutcome.Rejected r) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("errors", r.errors()));
        } else {
            ctx.status(HttpStatus.CONFLICT).json(Map.of("error", "a reload is already being applied"));
        }
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
