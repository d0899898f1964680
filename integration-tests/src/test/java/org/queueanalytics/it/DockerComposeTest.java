package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.it.compose.ComposeFile;
import org.queueanalytics.it.compose.ComposeService;
import org.queueanalytics.it.compose.Dockerfile;
import org.queueanalytics.it.compose.ServiceJar;
import picocli.CommandLine;

/**
 * What can be checked of {@code docker compose up} without a Docker engine, for the demo
 * ({@code --profile demo}) and for a real org ({@code GENESYS_*} set): the interpolated file is
 * valid against the Compose Specification's schema; every service's command runs a jar the
 * Dockerfile copies from the module that builds it, with options that CLI has; every address in
 * docker/config.json and the environment is a service and port of the file; one build per image
 * tag; every image and plugin version pinned; memory limits that fit a laptop with three producers
 * and three consumers; the variables the README names reach the services. ComposeSmokeIT runs the
 * same commands.
 */
class DockerComposeTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SCALED = List.of("producer", "consumer");
    private static final List<String> JVM_SERVICES = List.of("emulator", "producer", "consumer");
    /** A shell for a real org, as README "With Docker" tells it. */
    static final Map<String, String> REAL_ORG_SHELL = Map.of(
            "GENESYS_API_BASE_URL", "https://api.mypurecloud.de",
            "GENESYS_CLIENT_ID", "real-client-id",
            "GENESYS_CLIENT_SECRET", "real-client-secret");
    /** The plugin's query types (grafana-clickhouse-datasource, QueryType in its source). */
    private static final Set<String> PLUGIN_QUERY_TYPES = Set.of("table", "timeseries", "logs", "traces");
    private static final Pattern FULL_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([._-][0-9A-Za-z._-]*)?");
    /** A laptop's Docker (Docker Desktop's default VM: half of a 16 GiB machine). */
    private static final long LAPTOP_BUDGET = 8L << 30;

    private static ComposeFile demo() throws IOException {
        return ComposeFile.load(ROOT, Map.of());
    }

    private static Dockerfile dockerfile() throws IOException {
        return Dockerfile.read(ROOT.resolve("docker/Dockerfile"));
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static String readmeDockerSection() throws IOException {
        String readme = readme();
        int start = readme.indexOf("### With Docker");
        assertThat(start).as("README has a \"### With Docker\" section").isNotNegative();
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theInterpolatedFileIsValidAgainstTheComposeSpecificationSchemaForTheDemoAndForARealOrg() throws Exception {
        Schema schema = composeSpecSchema();
        for (Map<String, String> shell : List.of(Map.<String, String>of(), REAL_ORG_SHELL)) {
            JsonNode file = RecordJson.mapper().valueToTree(ComposeFile.load(ROOT, shell).tree());
            List<Error> errors = schema.validate(file);
            assertThat(errors).as("docker-compose.yml against compose-spec.json (shell %s)", shell.keySet()).isEmpty();
        }
    }

    @Test
    void theSchemaCheckRejectsAKeyComposeDoesNotKnow() throws Exception {
        Schema schema = composeSpecSchema();
        Map<String, Object> tree = new HashMap<>(demo().tree());
        Map<String, Object> services = new HashMap<>(castMap(tree.get("services")));
        Map<String, Object> producer = new HashMap<>(castMap(services.get("producer")));
        producer.put("memory_limit", "1g"); // a plausible typo of mem_limit
        services.put("producer", producer);
        tree.put("services", services);

        assertThat(schema.validate(RecordJson.mapper().<JsonNode>valueToTree(tree))).isNotEmpty();
    }

    /** The vendored schema (its relative $id resolved against the address it was published at). */
    private static Schema composeSpecSchema() throws IOException {
        try (InputStream in = DockerComposeTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            assertThat(in).as("test resource compose-spec/compose-spec.json").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(
                    SchemaLocation.of("https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json"),
                    in, InputFormat.JSON);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void plainUpStartsNoEmulatorAndNothingRequiresItWhileTheDemoProfileStartsIt() throws IOException {
        Map<String, ComposeService> services = demo().services();
        assertThat(services.get("emulator").profiles()).containsExactly("demo");
        for (Set<String> active : List.of(Set.<String>of(), Set.of("demo"))) {
            Set<String> enabled = new HashSet<>();
            services.forEach((name, s) -> {
                if (s.profiles().isEmpty() || s.profiles().stream().anyMatch(active::contains)) {
                    enabled.add(name);
                }
            });
            for (String name : enabled) {
                services.get(name).dependsOn().forEach((dependency, required) -> {
                    assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
                    if (required) {
                        assertThat(enabled).as("profiles %s: %s requires %s, which is not started (required: false?)", active, name, dependency)
                                .contains(dependency);
                    }
                });
            }
            assertThat(enabled.contains("emulator")).as("emulator with profiles %s", active).isEqualTo(active.contains("demo"));
        }
    }

    @Test
    void aRealOrgNeedsNoFileEditingTheShellsGenesysVariablesReachTheProducer() throws Exception {
        ComposeService producer = ComposeFile.load(ROOT, REAL_ORG_SHELL).service("producer");
        PipelineConfig config = new ConfigLoader(producer.environment()).load(mountedConfig(producer));

        assertThat(config.oauth().baseUrl()).isEqualTo(URI.create("https://api.mypurecloud.de"));
        assertThat(config.oauth().tokenUri()).as("login host derived from GENESYS_API_BASE_URL")
                .isEqualTo(URI.create("https://login.mypurecloud.de/oauth/token"));
        assertThat(config.oauth().clientId()).isEqualTo("real-client-id");
        assertThat(config.oauth().clientSecret().reveal()).isEqualTo("real-client-secret");
    }

    @Test
    void theDemoReachesTheEmulatorUnderTheApiAndLoginNamesItAnswersTo() throws Exception {
        ComposeFile compose = demo();
        ComposeService producer = compose.service("producer");
        ComposeService emulator = compose.service("emulator");
        PipelineConfig config = new ConfigLoader(producer.environment()).load(mountedConfig(producer));
        String port = emulator.commandOption("--port").orElseThrow();

        assertThat(emulator.networkAliases()).contains(config.oauth().baseUrl().getHost(), config.oauth().effectiveLoginUrl().getHost());
        assertThat(config.oauth().baseUrl().getPort()).isEqualTo(Integer.parseInt(port));
        assertThat(config.oauth().effectiveLoginUrl().getPort()).isEqualTo(Integer.parseInt(port));
        assertThat(emulator.commandOption("--host")).contains("0.0.0.0");
        assertThat(emulator.healthcheckText()).contains("/" + port);
        assertThat((List<?>) emulator.body().get("expose")).extracting(Object::toString).contains(port);
        // The emulator's default client; docker/config.json's credentials are the ones it accepts.
        assertThat(config.oauth().clientId()).isEqualTo(emulator.commandOption("--client-id").orElse("demo-client"));
    }

    @Test
    void kafkaAndClickHouseAddressesAreServicesAndPortsOfTheFile() throws Exception {
        ComposeFile compose = demo();
        ComposeService kafka = compose.service("kafka");
        ComposeService clickhouse = compose.service("clickhouse");
        String listeners = kafka.environment().get("KAFKA_ADVERTISED_LISTENERS");
        for (String name : SCALED) {
            ComposeService service = compose.service(name);
            PipelineConfig fileOnly = new ConfigLoader(Map.of("ADMIN_TOKEN", "t")).load(mountedConfig(service));
            PipelineConfig withEnv = new ConfigLoader(service.environment()).load(mountedConfig(service));
            for (PipelineConfig config : List.of(fileOnly, withEnv)) {
                assertThat(listeners).as("%s: kafka.bootstrap_servers is an advertised listener of service kafka", name)
                        .contains("://" + config.kafka().bootstrapServers());
                URI ch = config.clickhouse().urls().get(0);
                assertThat(ch.getHost()).as("%s: clickhouse.url names service clickhouse", name).isEqualTo("clickhouse");
                assertThat(clickhouse.healthcheckText()).contains(":" + ch.getPort() + "/");
                assertThat((List<?>) clickhouse.body().get("ports")).extracting(Object::toString).anyMatch(p -> p.endsWith(":" + ch.getPort()));
            }
        }
        assertThat(kafka.healthcheckText()).contains(new ConfigLoader(Map.of("ADMIN_TOKEN", "t")).load(mountedConfig(compose.service("consumer"))).kafka().bootstrapServers());
    }

    @Test
    void clickhouseConsumerProducerAndGrafanaUseTheSameClickHousePasswordExpression() throws IOException {
        Map<String, Object> raw = ComposeFile.yaml(ROOT.resolve("docker-compose.yml")); // not interpolated
        Map<String, Object> services = castMap(raw.get("services"));
        Set<Object> expressions = new HashSet<>();
        for (String name : List.of("clickhouse", "producer", "consumer", "grafana")) {
            Object expression = castMap(castMap(services.get(name)).get("environment")).get("CLICKHOUSE_PASSWORD");
            assertThat(expression).as("%s sets CLICKHOUSE_PASSWORD", name).isNotNull();
            expressions.add(expression);
        }
        assertThat(expressions).as("one expression, so that a password set in the shell reaches all of them").hasSize(1);
        assertThat(expressions.iterator().next().toString()).startsWith("${CLICKHOUSE_PASSWORD");
    }

    @Test
    void everyServiceCommandRunsAJarTheDockerfileCopiesFromTheModuleThatBuildsIt() throws Exception {
        ComposeFile compose = demo();
        Dockerfile dockerfile = dockerfile();
        for (String name : JVM_SERVICES) {
            ServiceJar jar = ServiceJar.of(compose.service(name), dockerfile);
            String module = jar.module();
            String finalName = finalName(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(jar.repositoryPath()).as("%s: the jar the Dockerfile copies is what module %s builds", name, module)
                    .isEqualTo(ROOT.resolve(module).resolve("target").resolve(finalName + ".jar"));
        }
    }

    @Test
    void everyOptionInAServiceCommandIsAnOptionOfThatCli() throws Exception {
        ComposeFile compose = demo();
        Dockerfile dockerfile = dockerfile();
        for (String name : JVM_SERVICES) {
            ComposeService service = compose.service(name);
            ServiceJar jar = ServiceJar.of(service, dockerfile);
            Class<?> main = Class.forName(mainClass(ROOT.resolve(jar.module()).resolve("pom.xml")));
            List<String> command = service.command();
            List<String> args = command.subList(command.indexOf("-jar") + 2, command.size());
            CommandLine cli = new CommandLine(main);
            cli.parseArgs(args.toArray(String[]::new)); // throws on an unknown option or a missing value
            assertThat(args.stream().filter(a -> a.startsWith("-")))
                    .as("%s: options of %s", name, main.getSimpleName())
                    .allMatch(option -> cli.getCommandSpec().findOption(option) != null);
        }
    }

    @Test
    void anUnknownOptionIsCaught() {
        CommandLine cli = new CommandLine(org.queueanalytics.producer.ProducerMain.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cli.parseArgs("--config", "x", "--confg", "y"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void eachImageTagIsBuiltByAtMostOneServiceFromItsOwnTarget() throws IOException {
        Map<String, List<String>> builtBy = new HashMap<>();
        Set<String> targets = new HashSet<>();
        Dockerfile dockerfile = dockerfile();
        for (ComposeService service : demo().services().values()) {
            if (service.build().isPresent()) {
                String image = service.image().orElseThrow(() -> new AssertionError(service.name() + " builds but names no image tag"));
                builtBy.computeIfAbsent(image, i -> new ArrayList<>()).add(service.name());
                Object target = service.build().get().get("target");
                assertThat(target).as("%s: build target", service.name()).isNotNull();
                assertThat(dockerfile.stage(target.toString())).as("%s: stage %s", service.name(), target).isPresent();
                assertThat(targets.add(target.toString())).as("target %s built by one service", target).isTrue();
            }
        }
        assertThat(builtBy).isNotEmpty().allSatisfy((image, services) -> assertThat(services).as("build: for tag %s", image).hasSize(1));
    }

    @Test
    void everyImageBaseImageAndPluginVersionIsPinned() throws IOException {
        ComposeFile compose = demo();
        List<String> pulled = new ArrayList<>();
        for (ComposeService service : compose.services().values()) {
            if (service.build().isEmpty()) {
                pulled.add(service.image().orElseThrow(() -> new AssertionError(service.name() + " has neither image nor build")));
            }
        }
        Dockerfile dockerfile = dockerfile();
        pulled.addAll(dockerfile.externalBaseImages());
        assertThat(pulled).hasSizeGreaterThanOrEqualTo(5).allSatisfy(image -> assertPinned(image));
        assertThat(dockerfile.directives()).as("no parser directive that pulls a floating frontend image")
                .noneMatch(d -> d.matches("#\\s*syntax=.*") && !d.contains("@sha256:"));

        String plugins = compose.service("grafana").environment().get("GF_INSTALL_PLUGINS");
        assertThat(plugins.split(",")).allSatisfy(plugin -> {
            String[] idAndVersion = plugin.trim().split("\\s+");
            assertThat(idAndVersion).as("GF_INSTALL_PLUGINS entry \"%s\": id and version", plugin).hasSize(2);
            assertThat(idAndVersion[1]).matches(FULL_VERSION);
        });
        assertThat(plugins).contains("grafana-clickhouse-datasource");
    }

    private static void assertPinned(String image) {
        if (image.contains("@sha256:")) {
            return;
        }
        int colon = image.lastIndexOf(':');
        assertThat(colon).as("%s names a tag", image).isGreaterThan(image.lastIndexOf('/'));
        String tag = image.substring(colon + 1);
        assertThat(tag).as("%s: a full version (major.minor.patch), not a branch tag", image).matches(FULL_VERSION.pattern() + ".*");
        assertThat(tag).doesNotContain("latest");
    }

    @Test
    void everyServiceHasAMemoryLimitAndThreeProducersAndThreeConsumersFitALaptop() throws IOException {
        ComposeFile compose = demo();
        long total = 0;
        for (ComposeService service : compose.services().values()) {
            long limit = service.memLimitBytes().orElseThrow(() -> new AssertionError(service.name() + " has no mem_limit"));
            total += SCALED.contains(service.name()) ? 3 * limit : limit;
        }
        assertThat(total).as("limits with --scale producer=3 --scale consumer=3").isLessThanOrEqualTo(LAPTOP_BUDGET);
        String stated = String.format(java.util.Locale.ROOT, "%.1f GiB", total / (double) (1L << 30));
        assertThat(readmeDockerSection()).as("README states the total").contains(stated);
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).as("the compose header states the total").contains(stated);
    }

    @Test
    void theJvmHeapsAreAShareOfTheirContainersLimitWithRoomOutsideTheHeap() throws IOException {
        ComposeFile compose = demo();
        Dockerfile dockerfile = dockerfile();
        for (String name : JVM_SERVICES) {
            ComposeService service = compose.service(name);
            String target = service.build().orElseThrow().get("target").toString();
            String options = dockerfile.env(dockerfile.stage(target).orElseThrow()).get("JAVA_TOOL_OPTIONS");
            assertThat(options).as("%s: JAVA_TOOL_OPTIONS", name).isNotNull();
            Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)").matcher(options);
            assertThat(percentage.find()).as("%s: the heap follows the container limit", name).isTrue();
            assertThat(options).doesNotContain("-Xmx");
            long limit = service.memLimitBytes().orElseThrow();
            long heap = (long) (limit * Double.parseDouble(percentage.group(1)) / 100);
            assertThat(heap).as("%s heap", name).isGreaterThanOrEqualTo(192L << 20);
            assertThat(limit - heap).as("%s: room for metaspace, threads and buffers", name).isGreaterThanOrEqualTo(96L << 20);
        }
        ComposeService kafka = compose.service("kafka");
        Matcher xmx = Pattern.compile("-Xmx(\\d+[kmg])").matcher(kafka.environment().getOrDefault("KAFKA_HEAP_OPTS", ""));
        assertThat(xmx.find()).as("kafka: KAFKA_HEAP_OPTS sets -Xmx (the image's default heap is 1 GiB)").isTrue();
        assertThat(ComposeService.bytes(xmx.group(1))).isLessThanOrEqualTo(kafka.memLimitBytes().orElseThrow() * 3 / 4);
    }

    @Test
    void theReadmeStatesTheRequirementsAndTheVariablesItNamesReachTheServices() throws IOException {
        String section = readmeDockerSection();
        assertThat(section).contains("Compose v2.20", "BuildKit", "--profile demo", "GENESYS_API_BASE_URL",
                "GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "ADMIN_TOKEN", "mem_limit");
        String raw = Files.readString(ROOT.resolve("docker-compose.yml"));
        ComposeFile realOrg = ComposeFile.load(ROOT, REAL_ORG_SHELL);
        Set<String> named = new TreeSet<>();
        Matcher variable = Pattern.compile("`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`").matcher(section);
        while (variable.find()) {
            named.add(variable.group(1));
        }
        assertThat(named).contains("GENESYS_API_BASE_URL", "CLICKHOUSE_PASSWORD");
        for (String name : named) {
            assertThat(raw.contains("${" + name) || raw.contains(" " + name + ":"))
                    .as("README names %s: docker-compose.yml reads it from the shell or sets it", name).isTrue();
        }
        for (String name : REAL_ORG_SHELL.keySet()) {
            assertThat(realOrg.service("producer").environment()).as("producer environment").containsEntry(name, REAL_ORG_SHELL.get(name));
        }
    }

    @Test
    void scaledServicesPublishNoHostPortAndHaveNoFixedName() throws IOException {
        Map<String, ComposeService> services = demo().services();
        for (String name : SCALED) {
            assertThat(services.get(name).body()).as("%s must scale: no published port, no container_name, no hostname", name)
                    .doesNotContainKeys("ports", "container_name", "hostname");
        }
        assertThat(services.get("emulator").body()).doesNotContainKeys("ports", "container_name");
    }

    @Test
    void everyServiceHasAHealthCheckAndEveryHealthyConditionPointsAtOne() throws IOException {
        Map<String, ComposeService> services = demo().services();
        for (ComposeService service : services.values()) {
            assertThat(service.body()).as("service %s", service.name()).containsKey("healthcheck");
            if (service.body().get("depends_on") instanceof Map<?, ?> deps) {
                deps.forEach((dep, condition) -> {
                    if ("service_healthy".equals(((Map<?, ?>) condition).get("condition"))) {
                        assertThat(services.get(dep.toString()).body()).containsKey("healthcheck");
                    }
                });
            }
        }
    }

    @Test
    void producerAndConsumerHealthChecksHitTheAdminPortTheirConfigurationBindsOnAllInterfaces() throws Exception {
        for (String name : SCALED) {
            ComposeService service = demo().service(name);
            PipelineConfig loaded = new ConfigLoader(service.environment()).load(mountedConfig(service));

            assertThat(loaded.admin().host()).as("%s admin.host: reachable from the compose network", name).isEqualTo("0.0.0.0");
            assertThat(loaded.admin().token().isEmpty()).as("%s: bound on 0.0.0.0, so the compose environment sets ADMIN_TOKEN", name).isFalse();
            Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)").matcher(service.healthcheckText());
            assertThat(url.find()).as("%s health check calls the admin server: %s", name, service.healthcheckText()).isTrue();
            assertThat(Integer.parseInt(url.group(1))).as("%s health check port", name).isEqualTo(loaded.admin().port());
            assertThat(url.group(2)).isEqualTo("/healthz"); // the one endpoint that needs no token
            assertThat((List<?>) service.body().get("expose")).extracting(Object::toString).contains(Integer.toString(loaded.admin().port()));
            assertThat(service.environment()).containsKey("LOG_FORMAT");
        }
    }

    /** The file a service's CONFIG_FILE names, resolved through its bind mounts to the repository. */
    static Path mountedConfig(ComposeService service) {
        String mountedAt = service.environment().get("CONFIG_FILE");
        String flag = service.commandOption("--config").orElse(mountedAt);
        assertThat(flag).as("%s: --config and CONFIG_FILE name the same file", service.name()).isEqualTo(mountedAt);
        return service.bindMounts().entrySet().stream().filter(m -> m.getValue().equals(mountedAt))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + ": CONFIG_FILE " + mountedAt + " is not a mounted file"));
    }

    @Test
    void everyMountedFileExistsAndParses() throws Exception {
        List<Path> checked = new ArrayList<>();
        for (ComposeService service : demo().services().values()) {
            for (Path source : service.bindMounts().keySet()) {
                assertThat(source).as("%s mounts %s", service.name(), source).exists();
                try (var files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(".json")) {
                            assertThat(RecordJson.mapper().readTree(file.toFile()).isObject()).as("%s", file).isTrue();
                        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                            ComposeFile.yaml(file);
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
        ComposeService grafana = demo().service("grafana");
        Map<Path, String> mounts = grafana.bindMounts();
        Path provisioning = ROOT.resolve("docker/grafana/provisioning").normalize();
        Path dashboards = ROOT.resolve("docker/grafana/dashboards").normalize();
        assertThat(mounts).containsEntry(provisioning, "/etc/grafana/provisioning");

        Map<String, Object> datasource = ((List<Map<String, Object>>) ComposeFile.yaml(provisioning.resolve("datasources/clickhouse.yaml"))
                .get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "grafana-clickhouse-datasource");
        Map<String, Object> json = (Map<String, Object>) datasource.get("jsonData");
        assertThat(json).containsEntry("host", "clickhouse").containsEntry("port", 8123).containsEntry("protocol", "http");
        String passwordVariable = ((Map<String, Object>) datasource.get("secureJsonData")).get("password").toString();
        assertThat(grafana.environment()).containsKey(passwordVariable.replace("$", "").replace("{", "").replace("}", ""));

        Map<String, Object> provider = ((List<Map<String, Object>>) ComposeFile.yaml(provisioning.resolve("dashboards/queue-analytics.yaml"))
                .get("providers")).get(0);
        String path = ((Map<String, Object>) provider.get("options")).get("path").toString();
        assertThat(mounts).as("the provider reads the mounted dashboards").containsEntry(dashboards, path);
        assertThat(grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")).startsWith(path + "/");

        JsonNode dashboard = RecordJson.mapper().readTree(dashboards.resolve("queue-analytics.json").toFile());
        List<String> uids = new ArrayList<>();
        List<String> queryTypes = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> {
            uids.add(t.path("datasource").path("uid").asText());
            queryTypes.add(t.path("queryType").asText());
        }));
        assertThat(uids).isNotEmpty().allMatch(uid -> uid.equals(datasource.get("uid")));
        assertThat(queryTypes).as("queryType values the plugin knows (case-sensitive)").allMatch(PLUGIN_QUERY_TYPES::contains);
    }

    private static String finalName(Path pom) throws IOException {
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(pom));
        assertThat(m.find()).as("%s sets the shaded jar's finalName", pom).isTrue();
        return m.group(1);
    }

    private static String mainClass(Path pom) throws IOException {
        // the parent's shade configuration writes ${shade.mainClass} as the jar's Main-Class
        Matcher m = Pattern.compile("<shade.mainClass>([^<]+)</shade.mainClass>").matcher(Files.readString(pom));
        assertThat(m.find()).as("%s names the jar's Main-Class (shade.mainClass)", pom).isTrue();
        return m.group(1);
    }
}
