package org.queueanalytics.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.queueanalytics.common.config.KafkaClientProperties;
import org.queueanalytics.common.config.KafkaSettings;
import org.junit.jupiter.api.Test;

/** The base configuration of every Kafka client, the topics' replication, and the security hint. */
class KafkaClientsTest {
    private static final KafkaSettings LOCAL = new KafkaSettings("127.0.0.1:9092", "t", "t.dlq", "g", 3, (short) 1,
            KafkaSettings.DEFAULT_RETENTION);

    @Test
    void theBaseConfigIsTheClientPropertiesPlusTheBootstrapServers() {
        KafkaSettings kafka = LOCAL.withClientProperties(new KafkaClientProperties(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "client.dns.lookup", "use_all_dns_ips")));

        assertThat(KafkaClients.baseConfig(kafka)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "127.0.0.1:9092", "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "client.dns.lookup", "use_all_dns_ips"));
        assertThat(KafkaClients.baseProperties(kafka)).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void withoutClientPropertiesTheBaseConfigIsTheBootstrapServersAlone() {
        assertThat(KafkaClients.baseConfig(LOCAL)).containsExactlyEntriesOf(Map.of("bootstrap.servers", "127.0.0.1:9092"));
    }

    @Test
    void theBaseConfigIsAFreshMapEachClientExtends() {
        Map<String, Object> one = KafkaClients.baseConfig(LOCAL);
        one.put("acks", "all");

        assertThat(KafkaClients.baseConfig(LOCAL)).doesNotContainKey("acks");
    }

    @Test
    void topicsGetTheReplicationFactorAndMinInsyncReplicasWhenSet() {
        KafkaSettings replicated = LOCAL.withReplication((short) 3, OptionalInt.of(2));

        NewTopic topic = TopicProvisioner.topic(replicated, "t", 12, Map.of("cleanup.policy", "delete"));

        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.numPartitions()).isEqualTo(12);
        assertThat(topic.configs()).containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "delete", "min.insync.replicas", "2"));
        assertThat(TopicProvisioner.topic(LOCAL, "t", 1, Map.of()).configs()).doesNotContainKey("min.insync.replicas");
    }

    @Test
    void anAuthenticationFailureAnywhereInTheCauseChainNamesClientPropertiesAndNoValue() {
        Throwable failure = new ExecutionException(new KafkaException("wrapped",
                new SaslAuthenticationException("Authentication failed during authentication due to invalid credentials")));

        assertThat(KafkaClients.securityHint(failure)).hasValueSatisfying(hint -> assertThat(hint)
                .contains("SaslAuthenticationException").contains("kafka.client_properties").contains("sasl.jaas.config"));
        assertThat(KafkaClients.securityHint(new TopicAuthorizationException(List.of("t").iterator().next())))
                .hasValueSatisfying(hint -> assertThat(hint).contains("ACLs"));
        assertThat(KafkaClients.securityHint(new KafkaException("broker down"))).isEmpty();
    }
}
