package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.producer.planning.TimeWindow;

/** Whether the producer goes on after a Genesys failure is a property of the failure's type. */
class GenesysExceptionRetryabilityTest {
    private static final GenesysRequestRejectedException REFUSED =
            new GenesysRequestRejectedException("Genesys Cloud answered HTTP 400", 400, "bad.request", "no", false);

    @Test
    void failuresThatMayGoAwayByThemselvesAreRetryable() {
        assertThat(new GenesysUnavailableException("down", 503, null).isRetryable()).isTrue();
        assertThat(new GenesysRateLimitedException("slow down").isRetryable()).isTrue();
        assertThat(new GenesysMalformedResponseException("cut short", 200, null).isRetryable()).isTrue();
    }

    @Test
    void anUnreadableAnswerAndARefusedAggregatesQueryAreRetryableByTheNextCycleThoughNotResent() {
        AggregatesQuery query = new AggregatesQuery(List.of("q1"),
                new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z")),
                Duration.ofMinutes(30), List.of());
        GenesysException unreadable = new GenesysResponseException("no access_token", null);
        GenesysException refusedQuery = new GenesysQueryRejectedException(query, REFUSED, "not as too large");

        assertThat(unreadable).isInstanceOf(UnresentGenesysException.class);
        assertThat(unreadable.isRetryable()).isTrue();
        assertThat(refusedQuery).isInstanceOf(UnresentGenesysException.class);
        assertThat(refusedQuery.isRetryable()).isTrue();
    }

    @Test
    void failuresOnlyAChangeOfConfigurationCanFixAreNotRetryable() {
        assertThat(new GenesysAuthenticationException("bad credentials", 401).isRetryable()).isFalse();
        assertThat(new GenesysPermissionException("missing permission", "analytics:queueObservation:view").isRetryable())
                .isFalse();
        assertThat(REFUSED.isRetryable()).isFalse();
    }
}
