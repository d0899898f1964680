package org.queueanalytics.common.record;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The JSON form of {@link QueueIntervalRecord}: UTF-8, snake_case names, ISO-8601 UTC instants.
 * Reading is strict where silence would corrupt data (a missing required field, a null or
 * fractional count, a string where a number belongs) and lenient where the contract says so
 * (unknown fields are ignored for forward compatibility; the metrics added to schema version 1
 * later may be absent, for records written before them; the service-level fields may be null).
 * Instants are ISO-8601 strings only, never numbers ({@link IsoInstantDeserializer}). A record
 * whose {@code schema_version} is not {@link QueueIntervalRecord#SCHEMA_VERSION} is an
 * {@link UnsupportedSchemaVersionException}, and is not read as the current schema.
 * Thread-safe.
 */
public final class RecordJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // registered after the Java-time module, so it wins for Instant: no epoch numbers
            .addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Required fields are marked on the record; the fields added later default when absent.
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            // null is allowed where the record says so (the service-level fields), refused elsewhere:
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .withConfigOverride(String.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
            .withConfigOverride(Instant.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
            .withConfigOverride(long.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
            .withConfigOverride(int.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
            // (absent primitives would otherwise fail too; the @AddedLater ones read as 0)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(QueueIntervalRecord.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(QueueIntervalRecord.class);

    private RecordJson() {
    }

    public static byte[] toBytes(QueueIntervalRecord record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(QueueIntervalRecord record) {
        try {
            return WRITER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one record; the exception message names the offending field. The canonical form
     * (what {@link #toBytes} writes) is read by {@link CanonicalRecordReader}, a one-pass byte
     * reader (its measured speed against databind: docs/BENCHMARKS.md); anything else — including
     * every invalid record — goes through databind, whose result and messages are the contract.
     */
    public static QueueIntervalRecord fromBytes(byte[] json) throws InvalidRecordException {
        if (json == null) {
            throw new InvalidRecordException("record value is null (a tombstone?)");
        }
        QueueIntervalRecord canonical = CanonicalRecordReader.read(json);
        if (canonical == null) {
            return fromBytesWithDatabind(json);
        }
        requireSupported(canonical.schemaVersion());
        return canonical;
    }

    /** {@link #fromBytes} without the fast path (the reference it is tested against). */
    static QueueIntervalRecord fromBytesWithDatabind(byte[] json) throws InvalidRecordException {
        OptionalLong version = SchemaVersionPeek.of(MAPPER.getFactory(), json);
        if (version.isPresent()) {
            requireSupported(version.getAsLong());
        }
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new InvalidRecordException("record is not valid JSON for schema_version "
                    + QueueIntervalRecord.SCHEMA_VERSION + ": " + describe(e), e);
        }
    }

    private static void requireSupported(long schemaVersion) throws UnsupportedSchemaVersionException {
        if (schemaVersion != QueueIntervalRecord.SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException(schemaVersion);
        }
    }

    static String describe(IOException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field " + field + ": " + m.getOriginalMessage();
        }
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return e.getMessage();
    }

    /** The mapper for other JSON this project reads or writes with the same conventions. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
