package org.queueanalytics.common.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The record's instants ({@code interval_start}, {@code interval_end}, {@code fetched_at}) only as
 * ISO-8601 strings, as the fast reader takes them. The Java-time module would also take a JSON
 * number or a numeric string as seconds since the epoch — {@code 1e400} even became 1970 — so
 * those are refused here, naming the field; strings are read by the module as before.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;
    /** What the Java-time module would read as epoch seconds or milliseconds. */
    private static final Pattern NUMERIC = Pattern.compile("\\s*[-+]?[0-9.]+([eE][-+]?[0-9]+)?\\s*");

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) ctxt.reportInputMismatch(this,
                    "an instant must be an ISO-8601 string such as \"2025-01-27T08:00:00Z\", not %s", p.currentToken());
        }
        String text = p.getText();
        if (NUMERIC.matcher(text).matches()) {
            return (Instant) ctxt.reportInputMismatch(this,
                    "an instant must be an ISO-8601 string such as \"2025-01-27T08:00:00Z\", not a number (\"%s\")", text);
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
}
