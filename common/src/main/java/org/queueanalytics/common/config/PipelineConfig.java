package org.queueanalytics.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration file, shared by producer and consumer. Immutable: a reload builds a
 * new instance and swaps one reference. Build it with {@link ConfigLoader}.
 */
public record PipelineConfig(
        OAuthSettings oauth,
        AnalyticsSettings analytics,
        KafkaSettings kafka,
        ClickHouseSettings clickhouse,
        BatchSettings batch,
        RetrySettings retry,
        Duration pollInterval,
        AdminSettings admin,
        ProducerSettings producer,
        ObservationSettings observations) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(300);

    public PipelineConfig {
        Objects.requireNonNull(oauth, "oauth");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(clickhouse, "clickhouse");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(observations, "observations");
    }

    /**
     * Every secret of this configuration (client secret, ClickHouse password, admin token, the secret values of
     * kafka.client_properties), for {@link Secret#redactAll}.
     */
    public List<Secret> secrets() {
        List<Secret> all = new java.util.ArrayList<>(List.of(oauth.clientSecret(), clickhouse.password(), admin.token()));
        all.addAll(kafka.clientProperties().secrets());
        return List.copyOf(all);
    }

    public PipelineConfig withAdmin(AdminSettings newAdmin) {
        return new PipelineConfig(oauth, analytics, kafka, clickhouse, batch, retry, pollInterval, newAdmin, producer, observations);
    }

    public PipelineConfig withKafka(KafkaSettings newKafka) {
        return new PipelineConfig(oauth, analytics, newKafka, clickhouse, batch, retry, pollInterval, admin, producer, observations);
    }

    public PipelineConfig withClickHouse(ClickHouseSettings newClickHouse) {
        return new PipelineConfig(oauth, analytics, kafka, newClickHouse, batch, retry, pollInterval, admin, producer, observations);
    }

    public PipelineConfig withAnalytics(AnalyticsSettings newAnalytics) {
        return new PipelineConfig(oauth, newAnalytics, kafka, clickhouse, batch, retry, pollInterval, admin, producer, observations);
    }

    public PipelineConfig withBatch(BatchSettings newBatch) {
        return new PipelineConfig(oauth, analytics, kafka, clickhouse, newBatch, retry, pollInterval, admin, producer, observations);
    }

    public PipelineConfig withOAuth(OAuthSettings newOAuth) {
        return new PipelineConfig(newOAuth, analytics, kafka, clickhouse, batch, retry, pollInterval, admin, producer, observations);
    }

    public PipelineConfig withProducer(ProducerSettings newProducer) {
        return new PipelineConfig(oauth, analytics, kafka, clickhouse, batch, retry, pollInterval, admin, newProducer, observations);
    }

    public PipelineConfig withObservations(ObservationSettings newObservations) {
        return new PipelineConfig(oauth, analytics, kafka, clickhouse, batch, retry, pollInterval, admin, producer, newObservations);
    }

    public PipelineConfig withPollInterval(Duration newPollInterval) {
        return new PipelineConfig(oauth, analytics, kafka, clickhouse, batch, retry, newPollInterval, admin, producer, observations);
    }
}
