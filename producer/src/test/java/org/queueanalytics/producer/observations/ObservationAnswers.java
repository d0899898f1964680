package org.queueanalytics.producer.observations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.queueanalytics.producer.genesys.ScriptedGenesys;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;

/**
 * An in-test stand-in for the observations endpoint (the contract's answer shape): every queue the
 * query names gets a voice group with {@code oWaiting} (count 2) and {@code oLongestWaiting}
 * (count 2, {@link #OLDEST_WAIT_STARTED}), and a queue-level group with {@code oOnQueueUsers}
 * {@code IDLE} (count 3) — whatever metrics were asked (the mapper drops the others).
 */
public final class ObservationAnswers {
    public static final long OLDEST_WAIT_STARTED = 1_737_966_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ObservationAnswers() {
    }

    /** The queue ids of the request's {@code queueId} predicates, in order. */
    public static List<String> queueIds(ScriptedGenesys.Request request) {
        List<String> ids = new ArrayList<>();
        for (JsonNode predicate : body(request).path("filter").path("predicates")) {
            if ("queueId".equals(predicate.path("dimension").asText())) {
                ids.add(predicate.path("value").asText());
            }
        }
        return ids;
    }

    public static JsonNode body(ScriptedGenesys.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to {@code request}. */
    public static Reply answer(ScriptedGenesys.Request request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (String id : queueIds(request)) {
            ObjectNode voice = results.addObject();
            voice.putObject("group").put("queueId", id).put("mediaType", "voice");
            ArrayNode data = voice.putArray("data");
            data.addObject().put("metric", "oWaiting").putObject("stats").put("count", 2);
            data.addObject().put("metric", "oLongestWaiting").putObject("stats").put("count", 2)
                    .put("calculatedMetricValue", OLDEST_WAIT_STARTED);
            ObjectNode users = results.addObject();
            users.putObject("group").put("queueId", id);
            users.putArray("data").addObject().put("metric", "oOnQueueUsers").put("qualifier", "IDLE")
                    .putObject("stats").put("count", 3);
        }
        return Reply.ok(answer.toString());
    }
}
