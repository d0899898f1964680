package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The parts of a Genesys error body we report: {@code {"message","code","status",…}} from the API,
 * {@code {"error","description"}} from the login host. Lenient: a body that is not JSON becomes
 * its (shortened) text.
 */
record ErrorBody(String code, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 300;

    static ErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody("", "");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                String code = text(node, "code", text(node, "error", ""));
                String message = text(node, "message", text(node, "description", ""));
                return new ErrorBody(code, shorten(message));
            }
        } catch (IOException e) {
            // not JSON: fall through and report the raw text
        }
        return new ErrorBody("", shorten(body.strip()));
    }

    /** "code: message", or whichever part exists. */
    String summary() {
        if (code.isEmpty()) {
            return message.isEmpty() ? "no error details" : message;
        }
        return message.isEmpty() ? code : code + ": " + message;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
