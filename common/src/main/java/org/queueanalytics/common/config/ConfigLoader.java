package org.queueanalytics.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the configuration file, applies the environment overrides (README "Configuration"), and validates
 * everything in one pass. Either returns a complete {@link PipelineConfig} or throws a
 * {@link ConfigException} listing every problem, each naming its key.
 */
public final class ConfigLoader {
    /** Environment variable → the config key it overrides. */
    static final Map<String, String[]> ENV_OVERRIDES = Map.of(
            "GENESYS_API_BASE_URL", new String[] {"oauth", "base_url"},
            "GENESYS_CLIENT_ID", new String[] {"oauth", "client_id"},
            "GENESYS_CLIENT_SECRET", new String[] {"oauth", "client_secret"},
            "KAFKA_BOOTSTRAP_SERVERS", new String[] {"kafka", "bootstrap_servers"},
            "CLICKHOUSE_URL", new String[] {"clickhouse", "url"},
            "CLICKHOUSE_PASSWORD", new String[] {"clickhouse", "password"},
            "ADMIN_TOKEN", new String[] {"admin", "token"});

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A loader that applies the process environment. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public PipelineConfig load(Path file) throws ConfigException {
        return loadSnapshot(file).config();
    }

    /** Loads the file and keeps the effective JSON (environment applied), which reload diffs use. */
    public ConfigSnapshot loadSnapshot(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + ": does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parseSnapshot(text, file.toString());
    }

    public PipelineConfig parse(String json, String sourceName) throws ConfigException {
        return parseSnapshot(json, sourceName).config();
    }

    public ConfigSnapshot parseSnapshot(String json, String sourceName) throws ConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(JsonSyntaxError.describe(sourceName, e));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + sourceName + ": must hold one JSON object");
        }
        List<String> errors = new ArrayList<>();
        Map<String, String> overriddenBy = applyEnvironment((ObjectNode) root);

        ConfigSection top = new ConfigSection("", root, errors, overriddenBy);
        OAuthSettings oauth = OAuthSettings.read(top.section("oauth"));
        AnalyticsSettings analytics = AnalyticsSettings.read(top.section("analytics"));
        KafkaSettings kafka = KafkaSettings.read(top.section("kafka"));
        ClickHouseSettings clickhouse = ClickHouseSettings.read(top.section("clickhouse"));
        BatchSettings batch = BatchSettings.read(top.section("batch"));
        RetrySettings retry = RetrySettings.read(top.section("retry"));
        Duration poll = top.seconds("poll_interval_seconds", PipelineConfig.DEFAULT_POLL_INTERVAL, 1, 86_400);
        AdminSettings admin = AdminSettings.read(top.section("admin"));
        ProducerSettings producer = ProducerSettings.read(top.section("producer"));
        ObservationSettings observations = ObservationSettings.read(top.section("observations"));
        top.rejectUnknownKeys();
        checkObservations(observations, analytics, kafka, clickhouse, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new ConfigSnapshot(new PipelineConfig(oauth, analytics, kafka, clickhouse, batch, retry, poll, admin, producer, observations), root);
    }

    /** What {@code observations.*} must not share with the interval pipeline (null sections already failed). */
    private static void checkObservations(ObservationSettings observations, AnalyticsSettings analytics, KafkaSettings kafka,
                                          ClickHouseSettings clickhouse, List<String> errors) {
        if (observations == null) {
            return;
        }
        if (analytics != null && observations.enabled() && observations.maxRequestsPerMinute() > analytics.maxRequestsPerMinute()) {
            errors.add("observations.max_requests_per_minute: must not exceed analytics.max_requests_per_minute (the one budget "
                    + "it is a share of; was " + observations.maxRequestsPerMinute() + " > " + analytics.maxRequestsPerMinute() + ")");
        }
        if (kafka != null && (observations.topic().equals(kafka.topic()) || observations.topic().equals(kafka.dlqTopic()))) {
            errors.add("observations.topic: must differ from kafka.topic and kafka.dlq_topic (was \"" + observations.topic() + "\")");
        }
        if (clickhouse != null && (observations.tableName().equals(clickhouse.tableName())
                || observations.tableName().equals(clickhouse.distributedTable()))) {
            errors.add("observations.table_name: must differ from clickhouse.table_name and clickhouse.distributed_table (was \""
                    + observations.tableName() + "\")");
        }
    }

    /**
     * Puts the environment overrides into the file's JSON and returns which key each one set, so
     * that an error about such a key names the variable too.
     */
    private Map<String, String> applyEnvironment(ObjectNode root) {
        Map<String, String> overriddenBy = new TreeMap<>();
        ENV_OVERRIDES.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                return;
            }
            JsonNode section = root.get(key[0]);
            ObjectNode target = section instanceof ObjectNode object ? object : root.putObject(key[0]);
            target.put(key[1], value);
            overriddenBy.put(key[0] + "." + key[1], variable);
        });
        return overriddenBy;
    }
}
