package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.RecordJson;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of {@code docker compose up --scale producer=2 --scale consumer=3} without a
 * Docker engine: the compose file and every file it mounts parse; the scaled services publish no
 * host port and have no fixed name; every service has a health check, and the producer's and
 * consumer's hit the admin port that {@code docker/config.json} (with the compose environment)
 * binds on all interfaces; the Grafana provisioning points at the mounted dashboards and the data
 * source the dashboards use.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> SCALED = List.of("producer", "consumer");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::-([^}]*))?}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object parsed = new Yaml(new LoaderOptions()).load(reader); // resolves anchors and "<<" merge keys
            assertThat(parsed).as("%s is a YAML mapping", file).isInstanceOf(Map.class);
            return (Map<String, Object>) parsed;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) yaml(ROOT.resolve("docker-compose.yml")).get("services");
    }

    /** Compose's own interpolation with an empty shell environment: {@code ${VAR:-default}} → default. */
    private static String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new HashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(k.toString(), interpolate(String.valueOf(v))));
        } else if (declared instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = entry.toString().split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
            }
        }
        return env;
    }

    private static String healthcheck(Map<String, Object> service) {
        Object test = ((Map<?, ?>) service.get("healthcheck")).get("test");
        return test instanceof List<?> list ? String.join(" ", list.stream().map(Object::toString).toList()) : test.toString();
    }

    /** host path → container path of the service's bind mounts. */
    private static Map<Path, String> bindMounts(Map<String, Object> service) {
        Map<Path, String> out = new HashMap<>();
        for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
            String[] parts = volume.toString().split(":");
            if (parts[0].startsWith(".")) {
                out.put(ROOT.resolve(parts[0]).normalize(), parts[1]);
            }
        }
        return out;
    }

    @Test
    void scaledServicesPublishNoHostPortAndHaveNoFixedName() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : SCALED) {
            Map<String, Object> service = services.get(name);
            assertThat(service).as("service %s", name).isNotNull();
            assertThat(service).as("%s must scale: no published port, no container_name, no hostname", name)
                    .doesNotContainKeys("ports", "container_name", "hostname");
        }
        assertThat(services.get("emulator")).doesNotContainKeys("ports", "container_name");
    }

    @Test
    void everyServiceHasAHealthCheckAndDependsOnlyOnServicesThatExist() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            assertThat(e.getValue()).as("service %s", e.getKey()).containsKey("healthcheck");
            Object dependsOn = e.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> deps) {
                for (Map.Entry<?, ?> dep : deps.entrySet()) {
                    assertThat(services).as("%s depends on %s", e.getKey(), dep.getKey()).containsKey(dep.getKey().toString());
                    if (((Map<?, ?>) dep.getValue()).get("condition").equals("service_healthy")) {
                        assertThat(services.get(dep.getKey().toString())).containsKey("healthcheck");
                    }
                }
            }
        }
    }

    @Test
    void producerAndConsumerHealthChecksHitTheAdminPortTheirConfigurationBindsOnAllInterfaces() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String name : SCALED) {
            Map<String, Object> service = services.get(name);
            Map<String, String> env = environment(service);
            String mountedAt = env.get("CONFIG_FILE");
            Path config = bindMounts(service).entrySet().stream().filter(m -> m.getValue().equals(mountedAt))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": CONFIG_FILE " + mountedAt + " is not a mounted file"));
            PipelineConfig loaded = new ConfigLoader(env).load(config); // the file with the compose environment's overrides

            assertThat(loaded.admin().host()).as("%s admin.host: reachable from the compose network", name).isEqualTo("0.0.0.0");
            assertThat(loaded.admin().token().isEmpty()).as("%s: bound on 0.0.0.0, so the compose environment sets ADMIN_TOKEN", name).isFalse();
            String check = healthcheck(service);
            Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)").matcher(check);
            assertThat(url.find()).as("%s health check calls the admin server: %s", name, check).isTrue();
            assertThat(Integer.parseInt(url.group(1))).as("%s health check port", name).isEqualTo(loaded.admin().port());
            assertThat(url.group(2)).isEqualTo("/healthz"); // the one endpoint that needs no token
            assertThat(((List<?>) service.get("expose")).stream().map(Object::toString))
                    .contains(Integer.toString(loaded.admin().port()));
            assertThat(loaded.kafka().bootstrapServers()).isEqualTo("kafka:9092");
            assertThat(loaded.clickhouse().urls()).containsExactly(URI.create("http://clickhouse:8123"));
            assertThat(env).containsKey("LOG_FORMAT");
        }
    }

    @Test
    void everyMountedFileExistsAndParses() throws Exception {
        List<Path> checked = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
            for (Path source : bindMounts(e.getValue()).keySet()) {
                assertThat(source).as("%s mounts %s", e.getKey(), source).exists();
                try (var files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(".json")) {
                            assertThat(RecordJson.mapper().readTree(file.toFile()).isObject()).as("%s", file).isTrue();
                        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                            yaml(file);
                        }
                        checked.add(file);
                    }
                }
            }
        }
        assertThat(checked).extracting(p -> p.getFileName().toString())
                .contains("config.json", "clickhouse.yaml", "queue-analytics.yaml", "queue-analytics.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaProvisionsTheClickHouseDataSourceAndTheDashboardsItMounts() throws Exception {
        Map<String, Object> grafana = services().get("grafana");
        assertThat(environment(grafana).get("GF_INSTALL_PLUGINS")).contains("grafana-clickhouse-datasource");
        Map<Path, String> mounts = bindMounts(grafana);
        Path provisioning = ROOT.resolve("docker/grafana/provisioning").normalize();
        Path dashboards = ROOT.resolve("docker/grafana/dashboards").normalize();
        assertThat(mounts).containsEntry(provisioning, "/etc/grafana/provisioning");

        Map<String, Object> datasource = ((List<Map<String, Object>>) yaml(provisioning.resolve("datasources/clickhouse.yaml"))
                .get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "grafana-clickhouse-datasource");
        Map<String, Object> json = (Map<String, Object>) datasource.get("jsonData");
        assertThat(json).containsEntry("host", "clickhouse").containsEntry("port", 8123).containsEntry("protocol", "http");
        String passwordVariable = ((Map<String, Object>) datasource.get("secureJsonData")).get("password").toString();
        assertThat(environment(grafana)).containsKey(passwordVariable.replace("$", "").replace("{", "").replace("}", ""));

        Map<String, Object> provider = ((List<Map<String, Object>>) yaml(provisioning.resolve("dashboards/queue-analytics.yaml"))
                .get("providers")).get(0);
        String path = ((Map<String, Object>) provider.get("options")).get("path").toString();
        assertThat(mounts).as("the provider reads the mounted dashboards").containsEntry(dashboards, path);
        assertThat(environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")).startsWith(path + "/");

        JsonNode dashboard = RecordJson.mapper().readTree(dashboards.resolve("queue-analytics.json").toFile());
        List<String> uids = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> uids.add(t.path("datasource").path("uid").asText())));
        assertThat(uids).isNotEmpty().allMatch(uid -> uid.equals(datasource.get("uid")));
    }
}
