package org.queueanalytics.emulator.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.admin.AdminEndpoints;
import org.queueanalytics.emulator.analytics.AggregatesEndpoint;
import org.queueanalytics.emulator.auth.OAuthTokenEndpoint;
import org.queueanalytics.emulator.auth.Permissions;
import org.queueanalytics.emulator.errors.ApiException;
import org.queueanalytics.emulator.errors.GenesysErrors;
import org.queueanalytics.emulator.observations.ObservationsEndpoint;
import org.queueanalytics.emulator.queues.RoutingQueuesEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: which path reaches which handler through which stages, in one place.
 * Every answer carries {@code ININ-Correlation-Id} and is JSON; errors are rendered once, here.
 */
public final class EmulatorServer implements AutoCloseable {
    public static final String CORRELATION_HEADER = "ININ-Correlation-Id";
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    private static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    private static final String CORRELATION = "emulator.correlationId";
    private static final String ENDPOINT = "emulator.endpoint";
    private static final String RENDERED = "emulator.rendered";
    private static final String DROPPED = "emulator.dropped";

    /** The endpoint handlers the server routes to. */
    public record Handlers(OAuthTokenEndpoint oauth, RoutingQueuesEndpoint queues, AggregatesEndpoint aggregates,
                           ObservationsEndpoint observations, AdminEndpoints admin) {
    }

    private final Javalin app;
    private final JsonCodec json;
    private final RequestStats stats;
    private final ApiGate gate;

    private EmulatorServer(Handlers handlers, ApiGate gate, RequestStats stats, JsonCodec json) {
        this.json = json;
        this.stats = stats;
        this.gate = gate;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // above AggregatesEndpoint.MAX_BODY_BYTES (the observations' cap too), so oversized queries get the
            // Genesys 413 body, not Javalin's
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.routes.before(this::assignCorrelationId);

            cfg.routes.post(OAuthTokenEndpoint.PATH, plain(Endpoints.TOKEN, handlers.oauth()::issue));
            cfg.routes.get(RoutingQueuesEndpoint.LIST_PATH,
                    api(Endpoints.ROUTING_QUEUES, Permissions.ROUTING_QUEUE_VIEW, handlers.queues()::list));
            cfg.routes.get(RoutingQueuesEndpoint.ONE_PATH,
                    api(Endpoints.ROUTING_QUEUE, Permissions.ROUTING_QUEUE_VIEW, handlers.queues()::one));
            cfg.routes.post(AggregatesEndpoint.PATH,
                    api(Endpoints.AGGREGATES, Permissions.ANALYTICS_AGGREGATES_VIEW, handlers.aggregates()::query));
            cfg.routes.post(ObservationsEndpoint.PATH, api(Endpoints.OBSERVATIONS,
                    Permissions.ANALYTICS_QUEUE_OBSERVATION_VIEW, handlers.observations()::query));

            cfg.routes.get(AdminEndpoints.SERVED, admin(handlers.admin()::served));
            cfg.routes.delete(AdminEndpoints.SERVED, admin(handlers.admin()::clearServed));
            cfg.routes.get(AdminEndpoints.STATS, admin(handlers.admin()::stats));
            cfg.routes.get(AdminEndpoints.QUEUES, admin(handlers.admin()::queues));
            cfg.routes.post(AdminEndpoints.FAULTS, admin(handlers.admin()::applyFaults));

            cfg.routes.exception(ApiException.class, (e, ctx) -> renderError(ctx, e));
            cfg.routes.exception(ConnectionDropper.DroppedConnection.class, (e, ctx) -> ctx.attribute(DROPPED, true));
            cfg.routes.exception(BrokenAnswerSent.class, (e, ctx) -> {
                ctx.status(200).contentType("application/json").result(e.answer().body());
                ctx.attribute(RENDERED, true);
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("emulator: unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                renderError(ctx, GenesysErrors.internalError("Emulator failure: " + e));
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(RENDERED) == null) {
                    renderError(ctx, GenesysErrors.notFound("No resource at " + ctx.method() + " " + ctx.path()));
                }
            });
            cfg.routes.after(this::count);
        });
    }

    public static EmulatorServer start(String host, int port, Handlers handlers, ApiGate gate, RequestStats stats,
                                       JsonCodec json) {
        EmulatorServer server = new EmulatorServer(handlers, gate, stats, json);
        server.app.start(host, port);
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private Handler api(String endpoint, String permission, Function<Context, Map<String, Object>> action) {
        return ctx -> {
            ctx.attribute(ENDPOINT, endpoint);
            gate.admit(ctx, endpoint, permission);
            respond(ctx, 200, action.apply(ctx));
        };
    }

    private Handler plain(String endpoint, Function<Context, Map<String, Object>> action) {
        return ctx -> {
            ctx.attribute(ENDPOINT, endpoint);
            respond(ctx, 200, action.apply(ctx));
        };
    }

    private Handler admin(Function<Context, Map<String, Object>> action) {
        return ctx -> respond(ctx, 200, action.apply(ctx));
    }

    private void assignCorrelationId(Context ctx) {
        String id = UUID.randomUUID().toString();
        ctx.attribute(CORRELATION, id);
        ctx.header(CORRELATION_HEADER, id);
    }

    private void renderError(Context ctx, ApiException error) {
        error.headers().forEach(ctx::header);
        Map<String, Object> body = new LinkedHashMap<>();
        error.body().forEach((key, value) -> {
            if ("details".equals(key)) {
                body.put(GenesysErrors.CONTEXT_ID, ctx.attribute(CORRELATION));
            }
            body.put(key, value);
        });
        respond(ctx, error.status(), body);
    }

    private void respond(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).contentType("application/json").result(json.write(body));
        ctx.attribute(RENDERED, true);
    }

    /** Counts API and token requests; admin requests are not counted. */
    private void count(Context ctx) {
        String endpoint = ctx.attribute(ENDPOINT);
        if (endpoint == null && ctx.path().startsWith("/emulator/")) {
            return;
        }
        boolean dropped = ctx.attribute(DROPPED) != null;
        stats.record(endpoint == null ? Endpoints.OTHER : endpoint, dropped ? Endpoints.DROPPED : ctx.statusCode());
    }
}
