package org.queueanalytics.producer;

import java.util.Map;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;

/** Configurations for tests, through the real loader (no environment overrides). */
final class TestConfigs {
    private TestConfigs() {
    }

    static PipelineConfig config(String analyticsExtra) {
        return config(analyticsExtra, "http://127.0.0.1:1", "127.0.0.1:1", "test.topic");
    }

    static PipelineConfig config(String analyticsExtra, String genesysUrl, String bootstrap, String topic) {
        String json = """
                {"oauth":{"base_url":"%s","login_url":"%s","client_id":"test-client","client_secret":"s3cr3t-value"},
                 "analytics":{"interval":"PT30M","lookback_seconds":21600,"deep_lookback_seconds":345600%s},
                 "kafka":{"bootstrap_servers":"%s","topic":"%s","dlq_topic":"%s.dlq","partitions":3},
                 "retry":{"max_retries":2,"base_delay_seconds":1,"max_delay_seconds":2},
                 "poll_interval_seconds":60}
                """.formatted(genesysUrl, genesysUrl, analyticsExtra.isEmpty() ? "" : "," + analyticsExtra, bootstrap, topic, topic);
        try {
            return new ConfigLoader(Map.of()).parse(json, "test");
        } catch (ConfigException e) {
            throw new AssertionError(e.errors().toString(), e);
        }
    }
}
