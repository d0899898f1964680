package org.queueanalytics.common.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Reads only a record's top-level {@code schema_version}, before the record is read as the current
 * schema: a record of another version must not be judged — or accepted — by this version's rules.
 * Gives up (empty) on anything it cannot read; the full reader then reports the problem.
 */
final class SchemaVersionPeek {
    private SchemaVersionPeek() {
    }

    /** The integer {@code schema_version} of the JSON object {@code json}, if it has one. */
    static OptionalLong of(JsonFactory factory, byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return OptionalLong.empty();
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("schema_version".equals(name)) {
                    return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                            ? OptionalLong.of(p.getLongValue()) : OptionalLong.empty();
                }
                p.skipChildren();
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }
}
