package org.queueanalytics.emulator.observations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;

/** The documented head-count formula, at fixed instants (2025-01-27 is a Monday, 2025-02-01 a Saturday). */
class StaffingTest {
    private static final Instant MONDAY_PEAK = Instant.parse("2025-01-27T10:30:00Z");    // hour weight 1.0
    private static final Instant MONDAY_NIGHT = Instant.parse("2025-01-27T03:30:00Z");   // hour weight 0.01
    private static final Instant SATURDAY_PEAK = Instant.parse("2025-02-01T10:30:00Z");  // 1.0 × weekend 0.3

    private static EmulatedQueue queue(double volume) {
        return new EmulatedQueue(UUID.nameUUIDFromBytes(("q" + volume).getBytes()), "Q", List.of(MediaType.VOICE), false, volume);
    }

    @Test
    void membersAreFivePlusFifteenTimesTheVolume() {
        assertThat(Staffing.members(queue(0.2))).isEqualTo(8);
        assertThat(Staffing.members(queue(1.0))).isEqualTo(20);
        assertThat(Staffing.members(queue(2.0))).isEqualTo(35);
    }

    @Test
    void loggedInFollowsTheTrafficOfTheHour() {
        assertThat(Staffing.loggedIn(queue(1.0), MONDAY_PEAK)).isEqualTo(16);     // round(20 × 0.8)
        assertThat(Staffing.loggedIn(queue(1.0), MONDAY_NIGHT)).isEqualTo(2);     // round(20 × 0.107)
        assertThat(Staffing.loggedIn(queue(1.0), SATURDAY_PEAK)).isEqualTo(6);    // round(20 × 0.31)
        assertThat(Staffing.loggedIn(queue(2.0), MONDAY_PEAK)).isEqualTo(28);
        assertThat(Staffing.loggedIn(queue(0.2), MONDAY_NIGHT)).isEqualTo(1);     // round(0.856): never nobody
    }

    @Test
    void everyFifthLoggedInMemberIsOffQueue() {
        assertThat(Staffing.onQueue(1)).isEqualTo(1);
        assertThat(Staffing.onQueue(4)).isEqualTo(4);
        assertThat(Staffing.onQueue(5)).isEqualTo(4);
        assertThat(Staffing.onQueue(16)).isEqualTo(13);
    }

    @Test
    void busyAgentsAreCappedByTheOnQueueOnes() {
        UserCounts calm = UserCounts.of(queue(1.0), MONDAY_PEAK, 3);
        assertThat(calm).isEqualTo(new UserCounts(20, 16, 13, 3));
        assertThat(calm.idle()).isEqualTo(10);
        assertThat(calm.offQueue()).isEqualTo(3);

        UserCounts swamped = UserCounts.of(queue(1.0), MONDAY_NIGHT, 9);
        assertThat(swamped).isEqualTo(new UserCounts(20, 2, 2, 2));
        assertThat(swamped.idle()).isZero();
    }
}
