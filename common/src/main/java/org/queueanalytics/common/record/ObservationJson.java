package org.queueanalytics.common.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * The JSON form of {@link QueueObservationRecord}, with the conventions of {@link RecordJson} (UTF-8, snake_case,
 * ISO-8601 UTC instants, strict numbers, unknown fields ignored). A record of another {@code schema_version} is an
 * {@link UnsupportedSchemaVersionException}. A few thousand records a minute: databind is fast enough, there is no
 * hand-written reader here. Thread-safe.
 */
public final class ObservationJson {
    private static final ObjectReader READER = RecordJson.mapper().readerFor(QueueObservationRecord.class);
    private static final ObjectWriter WRITER = RecordJson.mapper().writerFor(QueueObservationRecord.class);

    private ObservationJson() {
    }

    public static byte[] toBytes(QueueObservationRecord record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one record; the exception message names the offending field. */
    public static QueueObservationRecord fromBytes(byte[] json) throws InvalidRecordException {
        if (json == null) {
            throw new InvalidRecordException("record value is null (a tombstone?)");
        }
        OptionalLong version = SchemaVersionPeek.of(RecordJson.mapper().getFactory(), json);
        if (version.isPresent() && version.getAsLong() != QueueObservationRecord.SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException(version.getAsLong());
        }
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new InvalidRecordException("observation record is not valid JSON for schema_version "
                    + QueueObservationRecord.SCHEMA_VERSION + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage(); // the record's own check, which names the field
        }
        return RecordJson.describe(e);
    }
}
