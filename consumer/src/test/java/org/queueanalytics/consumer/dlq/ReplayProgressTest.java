package org.queueanalytics.consumer.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
    private static final TopicPartition P0 = new TopicPartition("dlq", 0);

    @Test
    void withoutAnyCommitEveryLetterIsStillToReplay() {
        ReplayProgress p = new ReplayProgress(Map.of());
        assertThat(p.start(P0, null)).isZero();
        assertThat(p.replayed(P0, 0, "invalid-record")).isFalse();
    }

    @Test
    void aLetterBeforeTheUnfilteredGroupsOffsetWasReplayedWhateverItsReason() {
        ReplayProgress p = new ReplayProgress(Map.of(P0, 5L));
        assertThat(p.replayed(P0, 4, "clickhouse-rejected")).isTrue();
        assertThat(p.replayed(P0, 5, "clickhouse-rejected")).isFalse();
    }

    @Test
    void aFilteredRunLeavesTheOtherReasonsForLater() {
        ReplayProgress p = new ReplayProgress(Map.of(P0, 2L));
        p.reason("invalid-record", Map.of(P0, 10L));
        p.reason("clickhouse-rejected", Map.of());
        assertThat(p.start(P0, "invalid-record")).isEqualTo(10);
        assertThat(p.start(P0, null)).isEqualTo(2);
        assertThat(p.replayed(P0, 7, "invalid-record")).isTrue();
        assertThat(p.replayed(P0, 7, "clickhouse-rejected")).isFalse();
        assertThat(p.knows("invalid-json")).isFalse();
    }

    @Test
    void groupsAreNamedAfterTheConsumerGroup() {
        assertThat(ReplayProgress.group("g")).isEqualTo("g.dlq-replay");
        assertThat(ReplayProgress.group("g", "invalid-json")).isEqualTo("g.dlq-replay.invalid-json");
    }
}
