package org.queueanalytics.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;

class ClickHouseCredentialHeadersTest {

    @Test
    void aPasswordAHeaderCannotCarryFailsAsAConfigurationErrorThatNeverQuotesIt() {
        ClickHouseSettings settings = new ClickHouseSettings(List.of(URI.create("http://127.0.0.1:1")), "default",
                Secret.of("hunter2-file-mounted\n"), "analytics", "queue_analytics", Compression.LZ4, ClickHouseSettings.DEFAULT_PARTITION_BY);
        ClickHouseClient client = new ClickHouseClient(settings, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(client::ping).isInstanceOfSatisfying(HaltClickHouseException.class, e -> {
            assertThat(e.getMessage()).contains("clickhouse.password");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("hunter2");
        });
    }
}
