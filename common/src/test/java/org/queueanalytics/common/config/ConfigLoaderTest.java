package org.queueanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path TUTORIAL = Path.of("src/test/resources/tutorial-config.json");
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void loadsTheOriginalTutorialConfigUnchanged() throws Exception {
        PipelineConfig config = loader.load(TUTORIAL);

        assertThat(config.oauth().baseUrl()).isEqualTo(URI.create("https://api.mypurecloud.com"));
        assertThat(config.oauth().tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.com/oauth/token"));
        assertThat(config.oauth().clientId()).isEqualTo("YOUR_CLIENT_ID");
        assertThat(config.analytics().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.analytics().dateFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(config.analytics().dateTo()).isEqualTo(Instant.parse("2024-01-01T23:59:59Z"));
        assertThat(config.analytics().fixedRange()).isTrue();
        assertThat(config.analytics().queueIds()).containsExactly("QUEUE_ID_1", "QUEUE_ID_2");
        assertThat(config.clickhouse().urls()).containsExactly(URI.create("http://localhost:8123"));
        assertThat(config.clickhouse().qualifiedTable()).isEqualTo("analytics.queue_analytics");
        assertThat(config.retry().maxRetries()).isEqualTo(3);
        assertThat(config.retry().baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void appliesTheDocumentedDefaultsForSectionsTheTutorialLacks() throws Exception {
        PipelineConfig config = loader.load(TUTORIAL);

        assertThat(config.kafka().topic()).isEqualTo("genesys.queue-intervals");
        assertThat(config.kafka().dlqTopic()).isEqualTo("genesys.queue-intervals.dlq");
        assertThat(config.kafka().partitions()).isEqualTo(12);
        assertThat(config.kafka().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.clickhouse().compression()).isEqualTo(Compression.LZ4);
        assertThat(config.clickhouse().partitionBy()).isEqualTo("(toYYYYMMDD(event_time), queue_id)");
        assertThat(config.batch()).isEqualTo(new BatchSettings(50_000, 16_777_216, Duration.ofSeconds(1)));
        assertThat(config.analytics().lookback()).isEqualTo(Duration.ofSeconds(21_600));
        assertThat(config.analytics().deepLookback()).isEqualTo(Duration.ofSeconds(345_600));
        assertThat(config.analytics().maxRequestsPerMinute()).isEqualTo(250);
        assertThat(config.analytics().maxCatchUp()).isEqualTo(Duration.ofDays(7));
        assertThat(config.admin().host()).isEqualTo("127.0.0.1");
        assertThat(config.admin().token().isEmpty()).isTrue();
        assertThat(config.producer()).isEqualTo(new ProducerSettings(16, null));
        assertThat(config.producer().staticShard()).isEmpty();
    }

    @Test
    void environmentOverridesWinOverTheFile() throws Exception {
        ConfigLoader withEnv = new ConfigLoader(Map.of(
                "GENESYS_CLIENT_ID", "env-id",
                "GENESYS_CLIENT_SECRET", "env-secret",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "CLICKHOUSE_URL", "http://ch1:8123,http://ch2:8123",
                "CLICKHOUSE_PASSWORD", "pw",
                "ADMIN_TOKEN", "tok"));

        PipelineConfig config = withEnv.load(TUTORIAL);

        assertThat(config.oauth().clientId()).isEqualTo("env-id");
        assertThat(config.oauth().clientSecret().reveal()).isEqualTo("env-secret");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.clickhouse().urls()).containsExactly(URI.create("http://ch1:8123"), URI.create("http://ch2:8123"));
        assertThat(config.clickhouse().password().reveal()).isEqualTo("pw");
        assertThat(config.admin().token().reveal()).isEqualTo("tok");
    }

    @Test
    void genesysApiBaseUrlOverridesTheFilesBaseUrlAndTheLoginHostIsDerivedFromIt() throws Exception {
        ConfigLoader withEnv = new ConfigLoader(Map.of("GENESYS_API_BASE_URL", "https://api.mypurecloud.de"));

        PipelineConfig config = withEnv.load(TUTORIAL);

        assertThat(config.oauth().baseUrl()).isEqualTo(URI.create("https://api.mypurecloud.de"));
        assertThat(config.oauth().tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.de/oauth/token"));
    }

    @Test
    void anEmptyGenesysApiBaseUrlLeavesTheFilesBaseUrl() throws Exception {
        PipelineConfig config = new ConfigLoader(Map.of("GENESYS_API_BASE_URL", "")).load(TUTORIAL);

        assertThat(config.oauth().baseUrl()).isEqualTo(URI.create("https://api.mypurecloud.com"));
    }

    @Test
    void anInvalidGenesysApiBaseUrlIsReportedUnderItsKeyAndTheVariable() {
        ConfigLoader withEnv = new ConfigLoader(Map.of("GENESYS_API_BASE_URL", "ftp://api.mypurecloud.com"));

        assertThatThrownBy(() -> withEnv.load(TUTORIAL))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(m -> assertThat(m).startsWith("oauth.base_url (from GENESYS_API_BASE_URL):")));
    }

    @Test
    void listsEveryProblemEachNamingItsKey() {
        String json = """
                {"oauth": {"base_url": "http://127.0.0.1:9", "client_id": "", "client_secret": "s", "colour": 1},
                 "analytics": {"interval": "PT7M", "date_to": "2024-01-01T00:00:00Z", "max_requests_per_minute": 0},
                 "kafka": {"partitions": "twelve"},
                 "clickhouse": {"url": "ftp://x", "table_name": "bad-name", "compression": "zip"},
                 "batch": {"max_rows": 0},
                 "poll_interval_seconds": -5,
                 "extra": true}
                """;

        assertThatThrownBy(() -> loader.parse(json, "test.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).startsWith("oauth.client_id:"),
                        m -> assertThat(m).startsWith("oauth.colour: unknown key"),
                        m -> assertThat(m).startsWith("oauth.login_url:").contains("127.0.0.1"),
                        m -> assertThat(m).startsWith("analytics.interval:").contains("PT7M"),
                        m -> assertThat(m).startsWith("analytics.max_requests_per_minute:"),
                        m -> assertThat(m).startsWith("analytics.date_to:").contains("date_from"),
                        m -> assertThat(m).startsWith("kafka.partitions:"),
                        m -> assertThat(m).startsWith("clickhouse.url:").contains("ftp://x"),
                        m -> assertThat(m).startsWith("clickhouse.table_name:").contains("bad-name"),
                        m -> assertThat(m).startsWith("clickhouse.compression:").contains("lz4"),
                        m -> assertThat(m).startsWith("batch.max_rows:"),
                        m -> assertThat(m).startsWith("poll_interval_seconds:"),
                        m -> assertThat(m).startsWith("extra: unknown key")));
    }

    @Test
    void neverPutsASecretIntoAnErrorOrToString() {
        String json = """
                {"oauth": {"client_id": "id", "client_secret": "TOPSECRET", "base_url": 5},
                 "clickhouse": {"password": "HUNTER2"}, "admin": {"token": "ADMINTOKEN", "port": 70000}}
                """;

        assertThatThrownBy(() -> loader.parse(json, "t.json"))
                .isInstanceOf(ConfigException.class)
                .message().doesNotContain("TOPSECRET", "HUNTER2", "ADMINTOKEN").contains("admin.port", "oauth.base_url");
    }

    @Test
    void secretsAreRedactedWhenAConfigIsPrinted() throws Exception {
        PipelineConfig config = new ConfigLoader(Map.of("GENESYS_CLIENT_SECRET", "TOPSECRET", "CLICKHOUSE_PASSWORD", "HUNTER2"))
                .load(TUTORIAL);

        assertThat(config.toString()).doesNotContain("TOPSECRET", "HUNTER2").contains("****");
    }

    @Test
    void derivesTheLoginHostForEveryRegionAndHonoursAnExplicitLoginUrl() throws Exception {
        for (String domain : List.of("mypurecloud.com", "euw2.pure.cloud", "mypurecloud.com.au", "use2.us-gov-pure.cloud")) {
            PipelineConfig config = loader.parse(
                    "{\"oauth\":{\"base_url\":\"https://api." + domain + "\",\"client_id\":\"i\",\"client_secret\":\"s\"}}", "t");
            assertThat(config.oauth().tokenUri()).isEqualTo(URI.create("https://login." + domain + "/oauth/token"));
        }
        PipelineConfig emulator = loader.parse("""
                {"oauth":{"base_url":"http://127.0.0.1:8089/","login_url":"http://127.0.0.1:8089","client_id":"i","client_secret":"s"}}
                """, "t");
        assertThat(emulator.oauth().tokenUri()).isEqualTo(URI.create("http://127.0.0.1:8089/oauth/token"));
        assertThat(emulator.oauth().apiUri("/api/v2/routing/queues")).isEqualTo(URI.create("http://127.0.0.1:8089/api/v2/routing/queues"));
    }

    @Test
    void reportsMalformedJsonWithItsPosition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\n  \"oauth\": {\n    \"client_id\": \"x\",\n  }\n}");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON at line 4");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.json")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theMaximumCatchUpDefaultsToAWeekButNeverLessThanTheDeepLookback() throws Exception {
        PipelineConfig deep = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"analytics":{"deep_lookback_seconds":864000}}
                """, "t");
        assertThat(deep.analytics().maxCatchUp()).isEqualTo(Duration.ofDays(10));
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"analytics":{"max_catch_up_seconds":3600}}
                """, "t")).hasMessageContaining("analytics.max_catch_up_seconds");
    }

    @Test
    void acceptsReplicaListsAsAnArray() throws Exception {
        PipelineConfig config = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"clickhouse":{"url":["http://a:8123","http://b:8123"]}}
                """, "t");
        assertThat(config.clickhouse().urls()).hasSize(2);
    }

    @Test
    void readsTheShardCountAndTheStaticShardOverride() throws Exception {
        PipelineConfig grouped = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"producer":{"shards":64,"shard":null}}
                """, "t");
        PipelineConfig pinned = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"producer":{"shard":" 2 / 3 "}}
                """, "t");

        assertThat(grouped.producer().shards()).isEqualTo(64);
        assertThat(grouped.producer().staticShard()).isEmpty();
        assertThat(pinned.producer().shards()).isEqualTo(16);
        assertThat(pinned.producer().staticShard()).contains(new ProducerSettings.StaticShard(2, 3));
        assertThat(pinned.producer().shard().toString()).isEqualTo("2/3");
    }

    @Test
    void rejectsAShardCountOutOfRangeAndAStaticShardOutsideItsCount() {
        for (String section : List.of("{\"shards\":0}", "{\"shards\":1025}", "{\"shards\":\"16\"}")) {
            assertThatThrownBy(() -> loader.parse("{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"},\"producer\":"
                    + section + "}", "t")).as(section)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                            .satisfies(m -> assertThat(m).startsWith("producer.shards:")));
        }
        for (String shard : List.of("\"3/3\"", "\"0/0\"", "\"-1/2\"", "\"1\"", "\"a/b\"", "1")) {
            assertThatThrownBy(() -> loader.parse("{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"},\"producer\":{\"shard\":"
                    + shard + "}}", "t")).as(shard)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                            .satisfies(m -> assertThat(m).startsWith("producer.shard:")));
        }
    }

    @Test
    void rejectsAnUnknownKeyInTheProducerSection() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"producer":{"shards":4,"instances":2}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("producer.instances: unknown key").contains("shards", "shard")));
    }

    @Test
    void acceptsEveryDocumentedGenesysMediaType() throws Exception {
        PipelineConfig config = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"analytics":{"media_types":
                 ["callback","chat","cobrowse","email","internalmessage","message","screenshare","video","voice"]}}
                """, "t");

        assertThat(config.analytics().mediaTypes()).containsExactlyElementsOf(AnalyticsSettings.GENESYS_MEDIA_TYPES);
    }

    @Test
    void rejectsAMediaTypeGenesysDoesNotKnowNamingTheKeyTheValueAndTheValidOnes() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"analytics":{"media_types":["call"]}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
                "analytics.media_types[0]: \"call\" is not a Genesys media type (valid: callback, chat, cobrowse, email, "
                        + "internalmessage, message, screenshare, video, voice)"));
    }

    @Test
    void rejectsEveryBadMediaTypeAtOnceIncludingCaseVariantsAndRepeats() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"analytics":{"media_types":["voice","Chat","sms","voice"]}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).satisfiesExactly(
                m -> assertThat(m).startsWith("analytics.media_types[1]: \"Chat\" is not a Genesys media type"),
                m -> assertThat(m).startsWith("analytics.media_types[2]: \"sms\" is not a Genesys media type"),
                m -> assertThat(m).isEqualTo("analytics.media_types[3]: \"voice\" is listed twice (first at analytics.media_types[0])")));
    }

    @Test
    void theClickHouseErrorPolicyDefaultsToNoOverrides() throws Exception {
        PipelineConfig config = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"}}
                """, "t");

        assertThat(config.clickhouse().errorPolicy()).isEmpty();
    }

    @Test
    void readsClickHouseErrorPolicyOverridesByCode() throws Exception {
        PipelineConfig config = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},
                 "clickhouse":{"error_policy":{"241":"retry","62":"dead-letter","60":"halt"}}}
                """, "t");

        assertThat(config.clickhouse().errorPolicy()).containsExactlyInAnyOrderEntriesOf(Map.of(
                241, ClickHouseErrorAction.RETRY, 62, ClickHouseErrorAction.DEAD_LETTER, 60, ClickHouseErrorAction.HALT));
    }

    @Test
    void rejectsAnErrorPolicyEntryThatIsNotACodeOrNotAnActionNamingTheKey() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},
                 "clickhouse":{"error_policy":{"MEMORY_LIMIT":"retry","-3":"retry","241":"skip","242":1}}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).startsWith("clickhouse.error_policy.MEMORY_LIMIT:").contains("whole number"),
                        m -> assertThat(m).startsWith("clickhouse.error_policy.-3:").contains("must not be negative"),
                        m -> assertThat(m).startsWith("clickhouse.error_policy.241:").contains("retry, dead-letter, halt", "skip"),
                        m -> assertThat(m).startsWith("clickhouse.error_policy.242:").contains("must be a string")));
    }

    @Test
    void rejectsAnErrorPolicyThatIsNotAnObject() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"clickhouse":{"error_policy":["241"]}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("clickhouse.error_policy: must be a JSON object")));
    }

    @Test
    void clusterModeIsOffByDefault() throws Exception {
        PipelineConfig config = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"}}
                """, "t");

        assertThat(config.clickhouse().cluster()).isNull();
        assertThat(config.clickhouse().distributedTable()).isNull();
        assertThat(config.clickhouse().onCluster()).isEmpty();
        assertThat(config.clickhouse().writeTable()).isEqualTo("analytics.queue_analytics");
    }

    @Test
    void readsTheClusterAndTheDistributedTableThatReceivesTheInserts() throws Exception {
        PipelineConfig config = loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},
                 "clickhouse":{"cluster":"analytics_cluster","distributed_table":"queue_analytics_all"}}
                """, "t");

        assertThat(config.clickhouse().onCluster()).isEqualTo(" ON CLUSTER analytics_cluster");
        assertThat(config.clickhouse().writeTable()).isEqualTo("analytics.queue_analytics_all");
        assertThat(config.clickhouse().qualifiedTable()).isEqualTo("analytics.queue_analytics");
    }

    @Test
    void rejectsADistributedTableWithoutACluster() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"clickhouse":{"distributed_table":"all_rows"}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("clickhouse.distributed_table:").contains("requires clickhouse.cluster")));
    }

    @Test
    void rejectsAClusterNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},"clickhouse":{"cluster":"a; DROP TABLE x"}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("clickhouse.cluster:").contains("plain identifier")));
    }

    @Test
    void rejectsADistributedTableNamedLikeTheReplicatedTable() {
        assertThatThrownBy(() -> loader.parse("""
                {"oauth":{"client_id":"i","client_secret":"s"},
                 "clickhouse":{"cluster":"c","distributed_table":"queue_analytics"}}
                """, "t")).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("clickhouse.distributed_table:").contains("must differ")));
    }
}
