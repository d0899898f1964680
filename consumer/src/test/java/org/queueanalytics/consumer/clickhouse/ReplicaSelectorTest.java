package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplicaSelectorTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final ReplicaSelector selector = new ReplicaSelector(3, clock, Duration.ofSeconds(30));

    @Test
    void triesTheReplicasInTheConfiguredOrderWhileAllAreHealthy() {
        assertThat(selector.order()).containsExactly(0, 1, 2);
    }

    @Test
    void aReplicaThatFailedGoesLastButStaysALastResort() {
        selector.failed(0);

        assertThat(selector.order()).containsExactly(1, 2, 0);
        assertThat(selector.coolingDown(0)).isTrue();
    }

    @Test
    void aReplicaThatCameBackIsPreferredAgainOnceItsCoolDownIsOver() {
        selector.failed(0);
        now.addAndGet(29_999);
        assertThat(selector.order()).containsExactly(1, 2, 0);

        now.addAndGet(1);
        assertThat(selector.order()).containsExactly(0, 1, 2);
    }

    @Test
    void aSuccessEndsTheCoolDownAtOnce() {
        selector.failed(1);
        selector.succeeded(1);

        assertThat(selector.order()).containsExactly(0, 1, 2);
    }

    @Test
    void replicasCoolingDownAreTriedSoonestBackFirstAndEachOnlyOnce() {
        selector.failed(2);
        now.addAndGet(1_000);
        selector.failed(0);
        now.addAndGet(1_000);
        selector.failed(1);

        assertThat(selector.order()).containsExactly(2, 0, 1);
    }
}
