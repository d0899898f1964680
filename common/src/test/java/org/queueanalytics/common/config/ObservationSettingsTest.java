package org.queueanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationSettingsTest {
    private static final String OAUTH = "\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"}";
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void isOffByDefaultWithTheDocumentedDefaults() throws Exception {
        ObservationSettings o = loader.parse("{" + OAUTH + "}", "t").observations();
        assertThat(o.enabled()).isFalse();
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.metrics()).containsExactly("oWaiting", "oInteracting", "oAlerting", "oLongestWaiting", "oLongestInteracting",
                "oOnQueueUsers", "oActiveUsers", "oMemberUsers");
        assertThat(o.maxRequestsPerMinute()).isEqualTo(60);
        assertThat(o.topic()).isEqualTo("genesys.queue-observations");
        assertThat(o.tableName()).isEqualTo("queue_observations");
        assertThat(o).isEqualTo(ObservationSettings.disabled());
    }

    @Test
    void readsEveryKey() throws Exception {
        ObservationSettings o = loader.parse("{" + OAUTH + ",\"observations\":{\"enabled\":true,\"interval_seconds\":30,"
                + "\"metrics\":[\"oWaiting\",\"oUserRoutingStatuses\"],\"max_requests_per_minute\":20,\"topic\":\"live.obs\","
                + "\"table_name\":\"live_obs\"}}", "t").observations();
        assertThat(o).isEqualTo(new ObservationSettings(true, Duration.ofSeconds(30), java.util.List.of("oWaiting",
                "oUserRoutingStatuses"), 20, "live.obs", "live_obs"));
    }

    @Test
    void listsEveryProblemEachNamingItsKey() {
        assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"observations\":{\"enabled\":\"yes\",\"interval_seconds\":2,"
                + "\"metrics\":[\"oWaiting\",\"nOffered\",\"oWaiting\"],\"colour\":1}}", "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("observations.enabled: must be true or false")
                .hasMessageContaining("observations.interval_seconds: must be between 5 and 3600")
                .hasMessageContaining("observations.colour");
        assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"observations\":{"
                + "\"metrics\":[\"oWaiting\",\"nOffered\",\"oWaiting\"],\"table_name\":\"a-b\"}}", "t"))
                .hasMessageContaining("observations.metrics[1]: \"nOffered\" is not a queue observation metric")
                .hasMessageContaining("observations.metrics[2]: \"oWaiting\" is listed twice (first at observations.metrics[0])")
                .hasMessageContaining("observations.table_name: must be a plain identifier");
        assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"observations\":{\"metrics\":[]}}", "t"))
                .hasMessageContaining("observations.metrics: must name at least one metric");
    }

    @Test
    void mustNotShareTheBudgetTopicOrTableOfTheIntervalPipelineBeyondItsShare() {
        assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"analytics\":{\"max_requests_per_minute\":50},"
                + "\"observations\":{\"enabled\":true,\"max_requests_per_minute\":51}}", "t"))
                .hasMessageContaining("observations.max_requests_per_minute: must not exceed analytics.max_requests_per_minute");
        assertThatThrownBy(() -> loader.parse("{" + OAUTH + ",\"observations\":{\"topic\":\"genesys.queue-intervals\","
                + "\"table_name\":\"queue_analytics\"}}", "t"))
                .hasMessageContaining("observations.topic: must differ from kafka.topic")
                .hasMessageContaining("observations.table_name: must differ from clickhouse.table_name");
    }
}
