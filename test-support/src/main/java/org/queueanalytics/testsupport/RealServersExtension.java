package org.queueanalytics.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link RealServers} for integration tests, in this order:
 * <ol>
 *   <li>the environment: {@code KAFKA_BOOTSTRAP_SERVERS} and {@code CLICKHOUSE_URL} (what
 *       {@code scripts/test.sh} exports after starting both servers);</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>otherwise the test fails with a message saying how to provide the servers — it never
 *       skips silently, under {@code CI=true} or anywhere else.</li>
 * </ol>
 * The servers are resolved once per test run and shared.
 */
public final class RealServersExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServersExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RealServers.class, key -> resolve(System.getenv()), RealServers.class);
    }

    static RealServers resolve(Map<String, String> env) {
        String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
        String clickhouse = env.get("CLICKHOUSE_URL");
        if (notBlank(kafka) && notBlank(clickhouse)) {
            ServerControl control = null;
            if (notBlank(env.get("CLICKHOUSE_CTL")) && notBlank(env.get("CLICKHOUSE_DIR"))) {
                control = new ScriptServerControl(Path.of(env.get("CLICKHOUSE_CTL")), Path.of(env.get("CLICKHOUSE_DIR")));
            }
            return new Endpoints(kafka, URI.create(clickhouse), env.getOrDefault("CLICKHOUSE_USER", "default"),
                    env.getOrDefault("CLICKHOUSE_PASSWORD", ""), control, "environment");
        }
        if (ContainerServers.dockerAvailable()) {
            return ContainerServers.start();
        }
        throw new ParameterResolutionException("Integration tests need a real Kafka broker and a real ClickHouse server, "
                + "and found neither KAFKA_BOOTSTRAP_SERVERS + CLICKHOUSE_URL in the environment nor a Docker engine "
                + "for Testcontainers. Run them through scripts/test.sh, which starts both servers"
                + ("true".equals(env.get("CI")) ? " (CI=true: refusing to skip)." : "."));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    record Endpoints(String kafkaBootstrapServers, URI clickHouseUrl, String clickHouseUsername, String clickHousePassword,
                     ServerControl control, String source)
            implements RealServers {
        @Override
        public ServerControl clickHouseControl() {
            if (control == null) {
                throw new IllegalStateException("this test stops and restarts ClickHouse, which needs CLICKHOUSE_CTL and "
                        + "CLICKHOUSE_DIR (set by scripts/test.sh when it starts the server itself)");
            }
            return control;
        }
    }
}
