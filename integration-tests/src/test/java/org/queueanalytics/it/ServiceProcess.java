package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The producer or consumer as a real process: its shaded jar (built in its package phase) in its own JVM,
 * configured by the file alone (the environment overrides are removed), stdout and stderr in {@code log}.
 * {@link #kill()} is a SIGKILL (no shutdown hook runs), {@link #close()} a SIGTERM with a bounded wait.
 */
record ServiceProcess(String name, Process process, Path log) implements AutoCloseable {
    static final List<String> OVERRIDES = List.of("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "KAFKA_BOOTSTRAP_SERVERS",
            "CLICKHOUSE_URL", "CLICKHOUSE_PASSWORD", "ADMIN_TOKEN", "CONFIG_FILE", "JAVA_TOOL_OPTIONS");

    /** Starts {@code service} ("producer" or "consumer") with {@code --config config}. */
    static ServiceProcess start(String service, String name, Path config, Path log) throws IOException {
        ProcessBuilder pb = builder(service, "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        return new ServiceProcess(name, pb.start(), log);
    }

    /** {@code java -jar <service>.jar args…} without the environment overrides: the file is the whole configuration. */
    static ProcessBuilder builder(String service, String... args) {
        Path jar = Path.of("..", service, "target", service + ".jar");
        assertThat(jar).as("the shaded %s jar (built in its package phase)", service).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        OVERRIDES.forEach(pb.environment()::remove);
        return pb;
    }

    long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook, no group leave, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s (pid %d) died on SIGKILL", name, pid()).isTrue();
    }

    /** SIGTERM (the shutdown hook runs), then SIGKILL after 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
