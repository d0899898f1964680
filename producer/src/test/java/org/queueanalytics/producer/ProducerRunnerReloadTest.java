package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.common.reload.ReloadOutcome;

class ProducerRunnerReloadTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-27T08:00:00Z"), ZoneOffset.UTC);
    private static final String OAUTH = """
            "oauth":{"base_url":"http://127.0.0.1:1","login_url":"http://127.0.0.1:1","client_id":"i","client_secret":"s"}""";

    @TempDir
    Path dir;

    private ConfigReloader reloader(String otherSections) throws Exception {
        Path file = dir.resolve("config.json");
        write(otherSections);
        return ConfigReloader.load(file, new ConfigLoader(Map.of()));
    }

    private void write(String otherSections) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{" + OAUTH + ",\"kafka\":{\"bootstrap_servers\":\"127.0.0.1:1\"},\"producer\":{\"shard\":\"0/1\"}"
                + otherSections + "}");
    }

    @Test
    void aReloadOfConsumerOnlyKeysKeepsThePollLoopRunning() throws Exception {
        ConfigReloader reloader = reloader(",\"batch\":{\"max_rows\":1000},\"clickhouse\":{\"url\":\"http://127.0.0.1:2\"}");
        try (ProducerRunner runner = new ProducerRunner(reloader, CLOCK, null)) {
            ProducerService before = runner.service();
            write(",\"batch\":{\"max_rows\":5000},\"clickhouse\":{\"url\":\"http://127.0.0.1:3\"}");

            ReloadOutcome outcome = reloader.reload();

            assertThat(outcome).isInstanceOf(ReloadOutcome.Reloaded.class);
            assertThat(((ReloadOutcome.Reloaded) outcome).changed()).containsExactly("batch.max_rows", "clickhouse.url");
            assertThat(runner.service()).isSameAs(before);
        }
    }

    @Test
    void aReloadOfAKeyThePollLoopReadsRestartsIt() throws Exception {
        ConfigReloader reloader = reloader("");
        try (ProducerRunner runner = new ProducerRunner(reloader, CLOCK, null)) {
            ProducerService before = runner.service();
            write(",\"poll_interval_seconds\":60");

            reloader.reload();

            assertThat(runner.service()).isNotSameAs(before);
        }
    }

    @Test
    void theDeadLetterTopicIsTheConsumersAndTheRecordTopicIsBoth() throws Exception {
        ConfigReloader reloader = reloader("");
        PipelineConfig config = reloader.current();
        KafkaSettings k = config.kafka();
        KafkaSettings otherDlq = new KafkaSettings(k.bootstrapServers(), k.topic(), "other.dlq", k.groupId(), k.partitions(),
                k.replicationFactor(), k.retention());
        KafkaSettings otherTopic = new KafkaSettings(k.bootstrapServers(), "other", k.dlqTopic(), k.groupId(), k.partitions(),
                k.replicationFactor(), k.retention());

        assertThat(PollingConfig.changed(config, config.withKafka(otherDlq))).isFalse();
        assertThat(PollingConfig.changed(config, config.withKafka(otherTopic))).isTrue();
    }

    @Test
    void aReloadOfTheKafkaClientPropertiesOrMinInsyncReplicasRestartsThePollLoop() throws Exception {
        ConfigReloader reloader = reloader("");
        try (ProducerRunner runner = new ProducerRunner(reloader, CLOCK, null)) {
            ProducerService first = runner.service();
            Files.writeString(dir.resolve("config.json"), "{" + OAUTH + ",\"kafka\":{\"bootstrap_servers\":\"127.0.0.1:1\","
                    + "\"client_properties\":{\"metadata.max.age.ms\":\"60000\"}},\"producer\":{\"shard\":\"0/1\"}}");

            reloader.reload();
            ProducerService second = runner.service();
            Files.writeString(dir.resolve("config.json"), "{" + OAUTH + ",\"kafka\":{\"bootstrap_servers\":\"127.0.0.1:1\","
                    + "\"client_properties\":{\"metadata.max.age.ms\":\"60000\"},\"min_insync_replicas\":1},"
                    + "\"producer\":{\"shard\":\"0/1\"}}");
            reloader.reload();

            assertThat(second).isNotSameAs(first);
            assertThat(runner.service()).isNotSameAs(second);
        }
    }
}
