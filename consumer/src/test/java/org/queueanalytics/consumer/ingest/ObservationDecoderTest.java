package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.testing.Observations;
import org.queueanalytics.consumer.validation.ObservationValidator;

/** Observation records → rows or dead letters, with the interval decoder's reasons. */
class ObservationDecoderTest {
    private static final TopicPartition PARTITION = new TopicPartition("genesys.queue-observations", 2);
    /** A fixed consumer clock: a minute after the example's observed_at. */
    private final ObservationValidator validator = new ObservationValidator(
            Clock.fixed(Observations.OBSERVED_AT.plusSeconds(60), ZoneOffset.UTC));
    private final ObservationDecoder decoder = new ObservationDecoder(row -> validator.validate(row).map(Object::toString));

    private static ConsumerRecord<byte[], byte[]> source(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 17, 0L, TimestampType.CREATE_TIME, 3, value.length,
                "q-1".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
    }

    private static String example() {
        return new String(ObservationJson.toBytes(Observations.longestWaiting("q-1", 3, 1796434200123L)), StandardCharsets.UTF_8);
    }

    @Test
    void aValidRecordBecomesARowWithItsPositionAndSize() {
        RowDecoder.Decoded<QueueObservationRecord> decoded = decoder.decode(source(example()), PARTITION);

        assertThat(decoded.deadLetter()).isNull();
        assertThat(decoded.row().record()).isEqualTo(Observations.longestWaiting("q-1", 3, 1796434200123L));
        assertThat(decoded.row().partition()).isSameAs(PARTITION);
        assertThat(decoded.row().offset()).isEqualTo(17);
        assertThat(decoded.row().bytes()).isEqualTo(example().length() + 3);
    }

    @Test
    void anotherSchemaVersionIsUnsupportedAndBrokenJsonOrANegativeCountIsInvalidJson() {
        assertThat(decoder.decode(source(example().replace("\"schema_version\":1", "\"schema_version\":2")), PARTITION)
                .deadLetter().reason()).isEqualTo(RecordDecoder.UNSUPPORTED_SCHEMA_VERSION);
        assertThat(decoder.decode(source("{not json"), PARTITION).deadLetter().reason()).isEqualTo("invalid-json");
        DeadLetter negative = decoder.decode(source(example().replace("\"count\":3", "\"count\":-3")), PARTITION).deadLetter();
        assertThat(negative.reason()).isEqualTo("invalid-json");
        assertThat(negative.message()).contains("count");
        assertThat(negative.source().offset()).isEqualTo(17);
    }

    @Test
    void anObservationBefore1970OrMoreThanAnHourAheadIsAnInvalidRecord() {
        String old = example().replaceFirst("\"observed_at\":\"[^\"]+\"", "\"observed_at\":\"1969-12-31T23:59:59Z\"");
        String ahead = example().replaceFirst("\"observed_at\":\"[^\"]+\"", "\"observed_at\":\"2026-12-05T08:41:16Z\"");
        String blank = example().replace("\"queue_id\":\"q-1\"", "\"queue_id\":\" \"");

        assertThat(decoder.decode(source(old), PARTITION).deadLetter().message()).startsWith("observed_at: outside the ClickHouse DateTime");
        assertThat(decoder.decode(source(ahead), PARTITION).deadLetter().message()).startsWith("observed_at: is more than 1 h ahead");
        assertThat(decoder.decode(source(blank), PARTITION).deadLetter().reason()).isEqualTo("invalid-record");
        String justWithinTheHour = example().replaceFirst("\"observed_at\":\"[^\"]+\"", "\"observed_at\":\"2026-12-05T08:41:15Z\"");
        assertThat(decoder.decode(source(justWithinTheHour), PARTITION).row()).isNotNull();
    }
}
