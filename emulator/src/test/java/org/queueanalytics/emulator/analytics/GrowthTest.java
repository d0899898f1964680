package org.queueanalytics.emulator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.EmulatorHttp;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.MutableClock;
import org.queueanalytics.emulator.queues.EmulatedQueue;

class GrowthTest {
    private static final String JUST_CLOSED = "2025-01-27T09:30:00.000Z/2025-01-27T10:00:00.000Z";
    private static final String OLD = "2025-01-27T06:00:00.000Z/2025-01-27T07:00:00.000Z";
    private static final String OPEN = "2025-01-27T10:00:00.000Z/2025-01-27T10:30:00.000Z";
    private static final String FUTURE = "2025-01-27T11:00:00.000Z/2025-01-27T11:30:00.000Z";
    private static final List<String> METRICS = List.of("nOffered", "tAnswered", "tAbandon", "tShortAbandon",
            "tFlowOut", "nOverSla", "tWait", "tTalkComplete", "tHeldComplete", "tAcw", "tHandle", "nTransferred");

    private final MutableClock clock = MutableClock.at("2025-01-27T10:05:00Z");

    private Buckets poll(GenesysEmulator emulator, EmulatorHttp http, String token, String interval) {
        List<String> ids = emulator.queues().stream().map(EmulatedQueue::idString).toList();
        return Buckets.of(EmulatorHttp.json(http.post(EmulatorHttp.AGGREGATES, token,
                EmulatorHttp.query(interval, "PT30M", ids))));
    }

    @Test
    void aRecentlyClosedIntervalGrowsMonotonicallyBetweenPolls() {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(10).clock(clock).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
            String token = http.token();
            Buckets before = poll(emulator, http, token, JUST_CLOSED);
            clock.advance(Duration.ofMinutes(90));
            Buckets after = poll(emulator, http, token, JUST_CLOSED);

            Map<String, Buckets.Bucket> later = after.byKey();
            assertThat(later.keySet()).containsAll(before.byKey().keySet());
            before.all().forEach(b -> METRICS.forEach(metric -> {
                assertThat(later.get(b.key()).count(metric)).as(metric).isGreaterThanOrEqualTo(b.count(metric));
                assertThat(later.get(b.key()).sum(metric)).as(metric).isGreaterThanOrEqualTo(b.sum(metric));
            }));
            assertThat(after.total("tHandle")).isGreaterThan(before.total("tHandle"));
            assertThat(after.total("nOffered")).isEqualTo(before.total("nOffered"));
        }
    }

    @Test
    void anOldIntervalIsStable() {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(10).clock(clock).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
            String token = http.token();
            Buckets before = poll(emulator, http, token, OLD);
            clock.advance(Duration.ofMinutes(90));
            Buckets after = poll(emulator, http, token, OLD);

            assertThat(before.all()).isNotEmpty();
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void theOpenIntervalIsPartialAndTheFutureEmpty() {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(10).clock(clock).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
            String token = http.token();
            Buckets partial = poll(emulator, http, token, OPEN);
            Buckets future = poll(emulator, http, token, FUTURE);
            clock.advance(Duration.ofMinutes(30));
            Buckets complete = poll(emulator, http, token, OPEN);

            assertThat(future.all()).isEmpty();
            assertThat(partial.total("nOffered")).isPositive().isLessThan(complete.total("nOffered"));
        }
    }

    @Test
    void withoutGrowthAClosedIntervalNeverChanges() {
        try (GenesysEmulator emulator = GenesysEmulator.builder().queues(10).growth(false).clock(clock).build().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl());
            String token = http.token();
            Buckets before = poll(emulator, http, token, JUST_CLOSED);
            clock.advance(Duration.ofMinutes(90));
            Buckets after = poll(emulator, http, token, JUST_CLOSED);

            assertThat(before.total("tHandle")).isPositive();
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void withGrowthTheFinalValuesEqualTheNoGrowthValues() {
        clock.advance(Duration.ofHours(3));
        try (GenesysEmulator growing = GenesysEmulator.builder().queues(10).clock(clock).build().start();
             GenesysEmulator fixed = GenesysEmulator.builder().queues(10).growth(false).clock(clock).build().start()) {
            EmulatorHttp a = new EmulatorHttp(growing.baseUrl());
            EmulatorHttp b = new EmulatorHttp(fixed.baseUrl());
            assertThat(poll(growing, a, a.token(), JUST_CLOSED)).isEqualTo(poll(fixed, b, b.token(), JUST_CLOSED));
        }
    }
}
