package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.queueanalytics.consumer.ingest.StageFixtures.P0;
import static org.queueanalytics.consumer.ingest.StageFixtures.P1;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.queueanalytics.testsupport.MutableClock;

class LagProbeTest {
    private final StageFixtures.CommittingConsumer consumer = new StageFixtures.CommittingConsumer(P0, P1);
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    private final LagProbe probe = new LagProbe(consumer, clock, metrics);

    @Test
    void measuresFromTheCommittedOffsetOrForAPartitionNeverCommittedFromItsBeginning() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 3L));
        consumer.updateEndOffsets(Map.of(P0, 10L, P1, 10L));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(4)));

        probe.refreshIfDue();

        assertThat(metrics.lagByPartition()).containsExactlyInAnyOrderEntriesOf(Map.of("t-0", 6L, "t-1", 7L));
    }

    @Test
    void measuresAgainOnlyAfterFiveSeconds() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 10L, P1, 0L));
        probe.refreshIfDue();
        consumer.updateEndOffsets(Map.of(P0, 20L, P1, 0L));

        clock.advance(Duration.ofSeconds(4));
        probe.refreshIfDue();
        assertThat(metrics.lagByPartition()).containsEntry("t-0", 10L);

        clock.advance(Duration.ofSeconds(1));
        probe.refreshIfDue();
        assertThat(metrics.lagByPartition()).containsEntry("t-0", 20L);
    }
}
