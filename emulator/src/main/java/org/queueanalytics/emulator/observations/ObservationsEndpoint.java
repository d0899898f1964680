package org.queueanalytics.emulator.observations;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.queueanalytics.emulator.analytics.AggregatesEndpoint;
import org.queueanalytics.emulator.errors.GenesysErrors;

/**
 * {@code POST /api/v2/analytics/queues/observations/query}: validate, observe at the emulator clock's instant,
 * record, render. Authentication, rate limit, permission and faults are the web layer's, as for every API call.
 */
public final class ObservationsEndpoint {
    public static final String PATH = "/api/v2/analytics/queues/observations/query";

    private final ObservationQueryParser parser;
    private final ObservationModel model;
    private final ObservationsRenderer renderer;
    private final ObservationLedger ledger;
    private final Clock clock;

    public ObservationsEndpoint(ObservationQueryParser parser, ObservationModel model, ObservationsRenderer renderer,
                                ObservationLedger ledger, Clock clock) {
        this.parser = parser;
        this.model = model;
        this.renderer = renderer;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Map<String, Object> query(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > AggregatesEndpoint.MAX_BODY_BYTES) {
            throw GenesysErrors.tooLarge("The query body is " + body.length + " bytes; the maximum is "
                    + AggregatesEndpoint.MAX_BODY_BYTES + ". Split the query.");
        }
        ObservationQuery query = parser.parse(new String(body, StandardCharsets.UTF_8));
        QueueObservations answer = model.observe(query, clock.instant());
        ledger.record(answer);
        return renderer.render(answer);
    }
}
