package org.queueanalytics.emulator.analytics;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.queueanalytics.emulator.errors.GenesysErrors;

/** {@code POST /api/v2/analytics/conversations/aggregates/query}: validate, compute, record, render. */
public final class AggregatesEndpoint {
    public static final String PATH = "/api/v2/analytics/conversations/aggregates/query";
    /** Bodies above this size get 413, like an oversized query on the real API. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final AggregateQueryParser parser;
    private final AggregatesEngine engine;
    private final AggregatesRenderer renderer;
    private final ServedLedger ledger;
    private final Clock clock;

    public AggregatesEndpoint(AggregateQueryParser parser, AggregatesEngine engine, AggregatesRenderer renderer,
                              ServedLedger ledger, Clock clock) {
        this.parser = parser;
        this.engine = engine;
        this.renderer = renderer;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Map<String, Object> query(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw GenesysErrors.tooLarge("The query body is " + body.length + " bytes; the maximum is "
                    + MAX_BODY_BYTES + ". Split the query.");
        }
        AggregateQuery query = parser.parse(new String(body, StandardCharsets.UTF_8));
        Instant now = clock.instant();
        List<GroupResult> results = engine.run(query, now);
        ledger.record(results, now);
        return renderer.render(results);
    }
}
