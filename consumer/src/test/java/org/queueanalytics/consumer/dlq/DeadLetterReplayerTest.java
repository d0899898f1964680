package org.queueanalytics.consumer.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;

/** Where a re-published dead letter goes: the interval topic, unless it came from another data topic of the same DLQ. */
class DeadLetterReplayerTest {
    private final DeadLetterReplayer replayer = new DeadLetterReplayer(null, null, null, "t.dlq", "t", Set.of("t.observations"), "g");

    @Test
    void anObservationsLetterGoesBackToTheObservationsTopicAndEveryOtherToTheDataTopicWithoutDlqHeaders() {
        ProducerRecord<byte[], byte[]> observation = replayer.republished(letter("t.observations"));
        ProducerRecord<byte[], byte[]> interval = replayer.republished(letter("t"));
        ProducerRecord<byte[], byte[]> legacy = replayer.republished(letter(null));
        ProducerRecord<byte[], byte[]> unknown = replayer.republished(letter("elsewhere"));

        assertThat(observation.topic()).isEqualTo("t.observations");
        assertThat(interval.topic()).isEqualTo("t");
        assertThat(legacy.topic()).isEqualTo("t");
        assertThat(unknown.topic()).isEqualTo("t");
        assertThat(observation.headers().toArray()).extracting(h -> h.key()).containsExactly("trace");
        assertThat(observation.value()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSummarySaysHowManyWentToTheirOriginalTopic() {
        ReplaySummary summary = new ReplaySummary(false);
        summary.publish("invalid-json", "q-1");
        summary.publish("invalid-record", "q-2", "t.observations");

        assertThat(summary.toText("t.dlq", "t")).contains("published 2 to t\n", "  of them 1 to t.observations (their original topic)");
    }

    private static ConsumerRecord<byte[], byte[]> letter(String originalTopic) {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("t.dlq", 0, 5, "k".getBytes(StandardCharsets.UTF_8),
                "v".getBytes(StandardCharsets.UTF_8));
        r.headers().add("trace", "1".getBytes(StandardCharsets.UTF_8));
        r.headers().add(DeadLetterPublisher.REASON, "invalid-record".getBytes(StandardCharsets.UTF_8));
        if (originalTopic != null) {
            r.headers().add(DeadLetterPublisher.ORIGINAL_TOPIC, originalTopic.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }
}
