package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The three-broker SASL_SSL cluster of {@code scripts/kafka-cluster.sh}, which {@code scripts/test.sh}
 * starts and describes in {@code KAFKA_CLUSTER_ENV} (its cluster.env) and {@code KAFKA_CLUSTER_CTL}
 * (the script, to kill and start one broker). Without them a test fails with the way to run it.
 */
record SecuredKafkaCluster(Path dir, Path ctl, Map<String, String> env) {

    static SecuredKafkaCluster fromEnvironment() throws IOException {
        String envFile = System.getenv("KAFKA_CLUSTER_ENV");
        String ctl = System.getenv("KAFKA_CLUSTER_CTL");
        assertThat(envFile != null && ctl != null)
                .as("KAFKA_CLUSTER_ENV and KAFKA_CLUSTER_CTL are not set: run this test through scripts/test.sh, or run "
                        + "scripts/kafka-cluster.sh up DIR and export KAFKA_CLUSTER_ENV=DIR/cluster.env "
                        + "KAFKA_CLUSTER_CTL=scripts/kafka-cluster.sh")
                .isTrue();
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(envFile))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new SecuredKafkaCluster(Path.of(envFile).getParent(), Path.of(ctl), Map.copyOf(values));
    }

    String bootstrapSaslSsl() {
        return env.get("KAFKA_CLUSTER_BOOTSTRAP_SASL_SSL");
    }

    String password() {
        return env.get("KAFKA_CLUSTER_SASL_PASSWORD");
    }

    String truststorePassword() {
        return env.get("KAFKA_CLUSTER_TRUSTSTORE_PASSWORD");
    }

    /** {@code kafka.client_properties} for SASL/SCRAM-SHA-512 over TLS, with the given password. */
    Map<String, String> clientProperties(String password) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", env.get("KAFKA_CLUSTER_SASL_MECHANISM"));
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + env.get("KAFKA_CLUSTER_SASL_USERNAME") + "\" password=\"" + password + "\";");
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", env.get("KAFKA_CLUSTER_TRUSTSTORE"));
        p.put("ssl.truststore.password", truststorePassword());
        return p;
    }

    /** The kafka-section members for a config file: bootstrap is set separately; replication 3, min.insync 2. */
    String kafkaMembers(String password) {
        StringBuilder json = new StringBuilder("\"replication_factor\": 3, \"min_insync_replicas\": 2, \"client_properties\": {");
        String sep = "";
        for (Map.Entry<String, String> e : clientProperties(password).entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\": \"")
                    .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            sep = ", ";
        }
        return json.append('}').toString();
    }

    Admin admin() {
        Map<String, Object> config = new HashMap<>(clientProperties(password()));
        config.put("bootstrap.servers", bootstrapSaslSsl());
        return Admin.create(config);
    }

    /** SIGKILLs broker {@code node} (1..3). */
    void kill(int node) throws IOException, InterruptedException {
        run("kill", node);
    }

    /** Starts broker {@code node} again and waits until it is ready. */
    void start(int node) throws IOException, InterruptedException {
        run("start", node);
    }

    private void run(String command, int node) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("bash", ctl.toString(), command, Integer.toString(node), dir.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kafka-cluster.sh %s %d finished", command, node).isTrue();
        assertThat(p.exitValue()).as("kafka-cluster.sh %s %d", command, node).isZero();
    }
}
