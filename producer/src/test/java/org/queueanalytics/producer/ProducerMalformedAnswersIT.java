package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.faults.BrokenAnswer;
import org.queueanalytics.emulator.faults.FaultSettings;
import org.queueanalytics.producer.genesys.GenesysMalformedResponseException;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * A backfill against an emulator that answers some requests with an empty (or malformed) 200 body,
 * with a real Kafka broker: such an answer is never taken for "no data", the checkpoint never passes
 * a window that was not fetched, and a re-run (or the retries) delivers every interval served.
 */
@ExtendWith(RealServersExtension.class)
class ProducerMalformedAnswersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOW = "2025-03-12T16:07:00Z";
    private static final Instant FROM = Instant.parse("2025-03-08T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-12T00:00:00Z");
    private static final int WINDOWS = 4;

    private final VirtualTime time = new VirtualTime(NOW);

    @Test
    void emptyBodiesFailTheirWindowWithoutCheckpointingItAndARerunDeliversEveryServedInterval(RealServers servers,
                                                                                             @TempDir Path dir) throws Exception {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(120).seed(41).clock(time.clock).build().start()) {
            TestConfig cfg = new TestConfig(servers).oauthBaseUrl(emulator.baseUrl().toString())
                    .analytics("{\"interval\":\"PT1H\"}")
                    .retry("{\"max_retries\":1,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
            Path file = cfg.write(dir);
            String checkpointId = "range/" + FROM + "/" + TO + "/0/1";

            // 1: the queue list answers empty bodies: the backfill fails before any aggregates query, nothing is checkpointed
            emulator.breakNextAnswers(2, BrokenAnswer.EMPTY, Endpoints.ROUTING_QUEUES);
            try (ProducerService first = time.producer(VirtualTime.load(file))) {
                assertThatThrownBy(() -> first.backfill(FROM, TO, ProgressListener.NONE))
                        .isInstanceOf(GenesysMalformedResponseException.class);
            }
            assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isZero();
            assertThat(checkpoints(servers, cfg, checkpointId)).isEmpty();

            // 2: after two windows, the aggregates query answers empty and then truncated bodies: the third window fails
            try (ProducerService second = time.producer(VirtualTime.load(file))) {
                assertThatThrownBy(() -> second.backfill(FROM, TO, (done, total, records) -> {
                    if (done == 2) {
                        emulator.breakNextAnswers(2, BrokenAnswer.TRUNCATED, Endpoints.AGGREGATES);
                    }
                })).isInstanceOf(GenesysMalformedResponseException.class);
            }
            assertThat(emulator.faults().brokenCount()).isEqualTo(4);
            assertThat(checkpoints(servers, cfg, checkpointId)).containsExactly(
                    Instant.parse("2025-03-09T00:00:00Z"), Instant.parse("2025-03-10T00:00:00Z"));

            // 3: the same backfill again, with a standing 30 % rate of empty bodies that the retries get through
            emulator.faults().setEmptyBodyRate(0.3);
            TestConfig patient = cfg.retry("{\"max_retries\":10,\"base_delay_seconds\":1,\"max_delay_seconds\":2}");
            try (ProducerService third = time.producer(VirtualTime.load(patient.write(dir)))) {
                PollReport report = third.backfill(FROM, TO, ProgressListener.NONE);
                assertThat(report.windows()).isEqualTo(WINDOWS - 2);
                assertThat(report.polledUntil()).isEqualTo(TO);
            }
            assertThat(emulator.faults().brokenCount()).isGreaterThan(4);
            assertThat(checkpoints(servers, cfg, checkpointId)).containsExactly(
                    Instant.parse("2025-03-09T00:00:00Z"), Instant.parse("2025-03-10T00:00:00Z"),
                    Instant.parse("2025-03-11T00:00:00Z"), TO);

            List<String> served = emulator.served().stream().map(ProducerMalformedAnswersIT::key).sorted().toList();
            List<QueueIntervalRecord> records = TopicReader.records(servers.kafkaBootstrapServers(), cfg.topic());
            assertThat(served).hasSizeGreaterThan(100);
            assertThat(records.stream().map(ProducerMalformedAnswersIT::key).sorted().toList())
                    .as("every interval the emulator served arrived, once").isEqualTo(served);
            assertThat(records).allMatch(r -> !r.intervalStart().isBefore(FROM) && !r.intervalEnd().isAfter(TO));
        }
    }

    /** Every polled_until saved under {@code id}, in order. */
    private static List<Instant> checkpoints(RealServers servers, TestConfig cfg, String id) throws Exception {
        List<Instant> saved = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(servers.kafkaBootstrapServers(), cfg.topic() + ".checkpoints")) {
            if (id.equals(r.key()) && r.value() != null) {
                saved.add(Instant.parse(JSON.readTree(r.value()).path("polled_until").asText()));
            }
        }
        return saved;
    }

    private static String key(ServedInterval s) {
        return s.queueId() + "|" + s.mediaType() + "|" + s.intervalStart() + "|" + s.intervalEnd();
    }

    private static String key(QueueIntervalRecord r) {
        return r.queueId() + "|" + r.mediaType() + "|" + r.intervalStart() + "|" + r.intervalEnd();
    }
}
