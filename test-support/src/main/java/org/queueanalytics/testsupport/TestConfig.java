package org.queueanalytics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes a pipeline configuration file for a test against {@link RealServers}: unique topic,
 * consumer group and table names per test (so tests never see each other's data), short
 * timings, admin server on a free port. {@code extraJson} entries are spliced in as raw
 * top-level JSON members, e.g. {@code "\"batch\":{\"max_rows\":100}"} (they replace defaults).
 */
public final class TestConfig {
    private final RealServers servers;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private String oauthBaseUrl = "http://127.0.0.1:9";
    private String analytics = "{\"interval\":\"PT30M\"}";
    private String batch = "{\"max_rows\":50000,\"linger_ms\":200}";
    private String retry = "{\"max_retries\":2,\"base_delay_seconds\":1,\"max_delay_seconds\":2}";
    private String clickhouseExtra = "";
    private String kafkaExtra = "";
    /** Members of the observations section after enabled, topic and table_name; null: the section is left out (off). */
    private String observationsExtra;
    private String kafkaBootstrapServers;
    private String clickhouseUrl;
    private String clickhousePassword;
    private String clickhouseUsername;
    private String adminToken;
    private int adminPort;
    private int partitions = 3;
    private int pollIntervalSeconds = 5;

    public TestConfig(RealServers servers) {
        this.servers = servers;
    }

    public String topic() {
        return "it-" + suffix;
    }

    public String dlqTopic() {
        return "it-" + suffix + ".dlq";
    }

    public String groupId() {
        return "it-group-" + suffix;
    }

    public String table() {
        return "queue_analytics_" + suffix;
    }

    public String database() {
        return "it";
    }

    /** The live-state topic ({@code observations.topic}) when {@link #observations} turned the pipeline on. */
    public String observationsTopic() {
        return "it-" + suffix + ".observations";
    }

    /** The live-state table ({@code observations.table_name}) when {@link #observations} turned the pipeline on. */
    public String observationsTable() {
        return "queue_observations_" + suffix;
    }

    /**
     * Turns the live-state pipeline on ({@code observations.enabled}) with this test's topic and table;
     * {@code extraMembers} are further members of the section, e.g. {@code "\"interval_seconds\":5"} ("" for none).
     */
    public TestConfig observations(String extraMembers) {
        this.observationsExtra = extraMembers;
        return this;
    }

    public TestConfig oauthBaseUrl(String url) {
        this.oauthBaseUrl = url;
        return this;
    }

    public TestConfig analytics(String json) {
        this.analytics = json;
        return this;
    }

    public TestConfig batch(String json) {
        this.batch = json;
        return this;
    }

    public TestConfig retry(String json) {
        this.retry = json;
        return this;
    }

    /** Extra members of the kafka section, e.g. {@code "\"replication_factor\":3"}. */
    public TestConfig kafkaExtra(String members) {
        this.kafkaExtra = members;
        return this;
    }

    /** Another Kafka cluster than {@link RealServers#kafkaBootstrapServers()} (e.g. a secured one). */
    public TestConfig kafkaBootstrapServers(String bootstrapServers) {
        this.kafkaBootstrapServers = bootstrapServers;
        return this;
    }

    /** Extra members of the clickhouse section, e.g. {@code "\"compression\":\"gzip\""}. */
    public TestConfig clickhouseExtra(String members) {
        this.clickhouseExtra = members;
        return this;
    }

    /** Overrides the ClickHouse URL (e.g. a replica list with a dead endpoint first). */
    public TestConfig clickhouseUrl(String url) {
        this.clickhouseUrl = url;
        return this;
    }

    /** Overrides the ClickHouse user (e.g. {@code progress_headers}, the second user scripts/clickhouse.sh creates). */
    public TestConfig clickhouseUsername(String username) {
        this.clickhouseUsername = username;
        return this;
    }

    /** Overrides the ClickHouse password (e.g. a wrong one, for failure paths). */
    public TestConfig clickhousePassword(String password) {
        this.clickhousePassword = password;
        return this;
    }

    /** Sets {@code admin.token}: every admin endpoint but {@code /healthz} then needs {@code Authorization: Bearer <token>}. */
    public TestConfig adminToken(String token) {
        this.adminToken = token;
        return this;
    }

    /** A fixed admin port (default 0: any free port, see the service's {@code adminPort()}). */
    public TestConfig adminPort(int port) {
        this.adminPort = port;
        return this;
    }

    public TestConfig partitions(int n) {
        this.partitions = n;
        return this;
    }

    public TestConfig pollIntervalSeconds(int seconds) {
        this.pollIntervalSeconds = seconds;
        return this;
    }

    public String json() {
        return """
                {
                  "oauth": {"base_url": "%s", "login_url": "%s", "client_id": "demo-client", "client_secret": "demo-secret"},
                  "analytics": %s,
                  "kafka": {"bootstrap_servers": "%s", "topic": "%s", "dlq_topic": "%s", "group_id": "%s", "partitions": %d%s},
                  "clickhouse": {"url": "%s", "username": "%s", "password": "%s", "database": "%s", "table_name": "%s"%s},
                  "batch": %s,
                  "retry": %s,
                  "poll_interval_seconds": %d,%s
                  "admin": {"host": "127.0.0.1", "port": %d%s}
                }
                """.formatted(oauthBaseUrl, oauthBaseUrl, analytics, kafkaBootstrapServers != null ? kafkaBootstrapServers : servers.kafkaBootstrapServers(),
                topic(), dlqTopic(), groupId(), partitions, kafkaExtra.isEmpty() ? "" : ", " + kafkaExtra, clickhouseUrl != null ? clickhouseUrl : servers.clickHouseUrl(), clickhouseUsername != null ? clickhouseUsername : servers.clickHouseUsername(),
                clickhousePassword != null ? clickhousePassword : servers.clickHousePassword(), database(), table(),
                clickhouseExtra.isEmpty() ? "" : ", " + clickhouseExtra, batch, retry, pollIntervalSeconds, observationsJson(),
                adminPort, adminToken == null ? "" : ", \"token\": \"" + adminToken + "\"");
    }

    private String observationsJson() {
        if (observationsExtra == null) {
            return "";
        }
        return "\n  \"observations\": {\"enabled\": true, \"topic\": \"" + observationsTopic() + "\", \"table_name\": \""
                + observationsTable() + "\"" + (observationsExtra.isEmpty() ? "" : ", " + observationsExtra) + "},";
    }

    public Path write(Path dir) {
        try {
            Path file = dir.resolve("config-" + suffix + ".json");
            Files.writeString(file, json());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
