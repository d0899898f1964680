package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.testing.Records;
import org.queueanalytics.consumer.validation.RecordValidator;

class RecordDecoderTest {
    private static final TopicPartition PARTITION = new TopicPartition("queue-analytics", 0);
    private final RecordValidator validator = new RecordValidator(Clock.fixed(Records.FETCHED.plus(Duration.ofMinutes(5)),
            ZoneOffset.UTC));
    private final RecordDecoder decoder = new RecordDecoder(row -> validator.validate(row).map(Object::toString));

    private static ConsumerRecord<byte[], byte[]> source(String json) {
        return new ConsumerRecord<>(PARTITION.topic(), 0, 7L, "q".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String example() {
        return RecordJson.toJson(Records.example());
    }

    @Test
    void aValidRecordBecomesARow() {
        RecordDecoder.Decoded<QueueIntervalRecord> decoded = decoder.decode(source(example()), PARTITION);

        assertThat(decoded.deadLetter()).isNull();
        assertThat(decoded.row()).isNotNull();
    }

    @Test
    void aRecordOfAnotherSchemaVersionIsDeadLetteredAsUnsupportedEvenWhenItsFieldsDifferFromThisVersion() {
        String future = example().replace("\"schema_version\":1", "\"schema_version\":2")
                .replace("\"offered\":", "\"offered_by_media\":{\"voice\":1},\"offered_total\":");

        RecordDecoder.Decoded<QueueIntervalRecord> decoded = decoder.decode(source(future), PARTITION);

        assertThat(decoded.row()).isNull();
        assertThat(decoded.deadLetter().reason()).isEqualTo("unsupported-schema-version")
                .isEqualTo(RecordDecoder.UNSUPPORTED_SCHEMA_VERSION);
        assertThat(decoded.deadLetter().message()).contains("schema_version 2");
    }

    @Test
    void anInstantWrittenAsANumberIsInvalidJson() {
        String numeric = example().replaceFirst("\"fetched_at\":\"[^\"]+\"", "\"fetched_at\":1e400");

        RecordDecoder.Decoded<QueueIntervalRecord> decoded = decoder.decode(source(numeric), PARTITION);

        assertThat(decoded.deadLetter().reason()).isEqualTo("invalid-json");
        assertThat(decoded.deadLetter().message()).contains("fetched_at");
    }

    @Test
    void aFetchedAtFarInTheFutureIsAnInvalidRecord() {
        String future = example().replaceFirst("\"fetched_at\":\"[^\"]+\"", "\"fetched_at\":\"2105-01-01T00:00:00Z\"");

        RecordDecoder.Decoded<QueueIntervalRecord> decoded = decoder.decode(source(future), PARTITION);

        assertThat(decoded.deadLetter().reason()).isEqualTo("invalid-record");
        assertThat(decoded.deadLetter().message()).startsWith("fetched_at: ");
    }
}
