package org.queueanalytics.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Describes a configuration file that is not valid JSON by where the problem is — line, column
 * and the key being read — and never by the offending text. Jackson's own message quotes the
 * token it stumbled on ({@code Unrecognized token 'hunter2'}), and an unquoted secret is exactly
 * such a token, so that message is not used.
 */
final class JsonSyntaxError {
    private JsonSyntaxError() {
    }

    static String describe(String sourceName, JsonProcessingException e) {
        StringBuilder out = new StringBuilder("config file ").append(sourceName).append(": not valid JSON");
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            out.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        String key = e.getProcessor() instanceof JsonParser parser ? keyPath(parser.getParsingContext()) : "";
        if (!key.isEmpty()) {
            out.append(", in ").append(key);
        }
        return out.append(" (a text value without double quotes, a missing or extra comma, colon or bracket, "
                + "or a key given twice; the text there is not shown, as it may be a secret)").toString();
    }

    /** The dotted key (with {@code [i]} for array items) the parser was in, e.g. {@code clickhouse.password}. */
    static String keyPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
