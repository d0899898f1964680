package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;

class ClickHouseClientTest {

    @Test
    void addsParametersAndWaitEndOfQueryToTheBaseUrl() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("database", "analytics");
        params.put("decompress", "1");
        assertThat(ClickHouseClient.endpoint(URI.create("http://ch:8123"), params))
                .hasToString("http://ch:8123/?database=analytics&decompress=1&wait_end_of_query=1&send_progress_in_http_headers=0");
        assertThat(ClickHouseClient.endpoint(URI.create("http://ch:8123/"), Map.of()))
                .hasToString("http://ch:8123/?wait_end_of_query=1&send_progress_in_http_headers=0");
        assertThat(ClickHouseClient.endpoint(URI.create("https://proxy/clickhouse/"), Map.of("database", "a b")))
                .hasToString("https://proxy/clickhouse/?database=a+b&wait_end_of_query=1&send_progress_in_http_headers=0");
        assertThat(ClickHouseClient.endpoint(URI.create("http://ch:8123/?session_timeout=5"), Map.of()))
                .hasToString("http://ch:8123/?session_timeout=5&wait_end_of_query=1&send_progress_in_http_headers=0");
    }

    @Test
    void redactsUserInfoFromUrlsInMessages() {
        assertThat(ClickHouseClient.redact(URI.create("http://bob:hunter2@ch:8123/x?y=1"))).isEqualTo("http://ch:8123");
    }

    @Test
    void describesQueriesByTheirStartOnOneLine() {
        String described = ClickHouseClient.describe("CREATE TABLE x\n(\n    a Int32\n) " + "y".repeat(500));
        assertThat(described).startsWith("query \"CREATE TABLE x ( a Int32 ) yyy").hasSizeLessThan(200);
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        ClickHouseSettings settings = new ClickHouseSettings(List.of(URI.create("http://localhost:1")), "default",
                Secret.of("pw"), "analytics", "queue_analytics", Compression.LZ4, ClickHouseSettings.DEFAULT_PARTITION_BY);
        assertThatThrownBy(() -> new ClickHouseClient(settings, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect timeout");
    }

    @Test
    void failsOverAcrossUnreachableReplicasAndNeverLeaksThePassword() {
        ClickHouseSettings settings = new ClickHouseSettings(
                List.of(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2")), "default",
                Secret.of("hunter2"), "analytics", "queue_analytics", Compression.LZ4, ClickHouseSettings.DEFAULT_PARTITION_BY);
        ClickHouseClient client = new ClickHouseClient(settings, Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.query("SELECT 1"))
                .isInstanceOfSatisfying(TransientClickHouseException.class, e -> {
                    assertThat(e.getMessage()).contains("127.0.0.1:2").doesNotContain("hunter2");
                    assertThat(e.getSuppressed()).hasSize(1);
                    assertThat(e.getSuppressed()[0].getMessage()).contains("127.0.0.1:1");
                });
    }
}
