package org.queueanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** kafka.client_properties and the replication settings: validation by key, secrets never shown. */
class KafkaClientPropertiesTest {
    private static final String PASSWORD = "Sup3r-Secret-Pw";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\\\"analytics\\\" password=\\\"" + PASSWORD + "\\\";";
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private PipelineConfig parse(String kafkaSection) throws ConfigException {
        return loader.parse("{\"oauth\":{\"client_id\":\"i\",\"client_secret\":\"s\"},\"kafka\":" + kafkaSection + "}", "t.json");
    }

    @Test
    void withoutTheKeysThereAreNoClientPropertiesAndTheBrokerDecidesMinInsyncReplicas() throws Exception {
        KafkaSettings kafka = parse("{}").kafka();

        assertThat(kafka.clientProperties().values()).isEmpty();
        assertThat(kafka.minInsyncReplicas()).isEmpty();
        assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
    }

    @Test
    void saslScramOverTlsPropertiesAreKeptInFileOrder() throws Exception {
        KafkaSettings kafka = parse("""
                {"replication_factor": 3, "min_insync_replicas": 2, "client_properties": {
                  "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512",
                  "sasl.jaas.config": "%s",
                  "ssl.truststore.location": "/etc/kafka/truststore.p12", "ssl.truststore.password": "changeit-pw"}}
                """.formatted(JAAS)).kafka();

        assertThat(kafka.clientProperties().values()).containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.location", "ssl.truststore.password");
        assertThat(kafka.clientProperties().values().get("sasl.jaas.config")).contains("password=\"" + PASSWORD + "\"");
        assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
        assertThat(kafka.minInsyncReplicas()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void valuesWhoseKeyNamesAPasswordJaasOrSecretAreSecretsHiddenInToStringAndListedForRedaction() throws Exception {
        PipelineConfig config = parse("""
                {"client_properties": {"security.protocol": "SASL_SSL", "sasl.jaas.config": "%s",
                 "ssl.truststore.password": "truststore-pw", "sasl.oauthbearer.client.secret": "oauth-secret"}}
                """.formatted(JAAS));
        KafkaClientProperties props = config.kafka().clientProperties();

        assertThat(props.toString()).contains("security.protocol=SASL_SSL").contains("sasl.jaas.config=****")
                .doesNotContain(PASSWORD).doesNotContain("truststore-pw").doesNotContain("oauth-secret");
        assertThat(config.kafka().toString()).doesNotContain(PASSWORD).doesNotContain("truststore-pw");
        assertThat(Secret.redactAll("login failed: " + props.values().get("sasl.jaas.config") + " / truststore-pw",
                config.secrets())).doesNotContain(PASSWORD).doesNotContain("truststore-pw");
        assertThat(KafkaClientProperties.isSecretKey("SSL.KEY.PASSWORD")).isTrue();
        assertThat(KafkaClientProperties.isSecretKey("ssl.truststore.location")).isFalse();
    }

    @Test
    void aPropertyThatWouldBreakAGuaranteeIsRejectedNamingTheKeyAndWhy() {
        assertThatThrownBy(() -> parse("""
                {"client_properties": {"acks": "1", "enable.auto.commit": "true", "bootstrap.servers": "x:1",
                 "isolation.level": "read_uncommitted", "value.serializer": "x.Y", "group.id": "g"}}
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        "kafka.client_properties.acks: may not be set here: the producer's acks=all with idempotence is the "
                                + "delivery guarantee (README \"Delivery guarantees\")",
                        "kafka.client_properties.enable.auto.commit: may not be set here: the consumer commits offsets only "
                                + "after ClickHouse acknowledged the rows, and reads committed records only",
                        "kafka.client_properties.bootstrap.servers: may not be set here: use kafka.bootstrap_servers",
                        "kafka.client_properties.isolation.level: may not be set here: the consumer commits offsets only "
                                + "after ClickHouse acknowledged the rows, and reads committed records only",
                        "kafka.client_properties.value.serializer: may not be set here: the record format is the pipeline's own",
                        "kafka.client_properties.group.id: may not be set here: use kafka.group_id"));
    }

    @Test
    void aNonStringValueOrANonObjectIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> parse("{\"client_properties\": {\"linger.ms\": 5}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("kafka.client_properties.linger.ms: must be a string"));
        assertThatThrownBy(() -> parse("{\"client_properties\": [\"security.protocol=SSL\"]}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("kafka.client_properties: must be a JSON object"));
    }

    @Test
    void aPasswordWithATrailingNewlineIsRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> parse("{\"client_properties\": {\"ssl.truststore.password\": \"" + PASSWORD + "\\n\"}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(m -> assertThat(m)
                            .startsWith("kafka.client_properties.ssl.truststore.password: contains a control character"));
                    assertThat(e.getMessage()).doesNotContain(PASSWORD);
                });
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRejectedWithTheProductionAdvice() {
        assertThatThrownBy(() -> parse("{\"replication_factor\": 1, \"min_insync_replicas\": 2}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(m -> assertThat(m).startsWith("kafka.min_insync_replicas: must be at most "
                                + "kafka.replication_factor (1) (was 2)").contains("replication_factor 3, min_insync_replicas 2")));
        assertThatThrownBy(() -> parse("{\"min_insync_replicas\": 0}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("kafka.min_insync_replicas: must be between 1 and 32 (was 0)"));
    }
}
