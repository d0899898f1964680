package org.queueanalytics.consumer.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;

/**
 * The ClickHouse cluster of {@code scripts/cluster.sh} (2 shards x 2 replicas and ZooKeeper), as
 * {@code scripts/test.sh} exports it: {@code CLUSTER_DIR} (its {@code cluster.env} names every
 * server) and {@code CLUSTER_CTL} (the script; its directory holds clickhouse.sh and zookeeper.sh).
 * Missing variables fail the test with the command that provides them — never a silent skip.
 */
final class ClickHouseCluster {
    static final String PASSWORD_ENV = "CLICKHOUSE_SERVER_PASSWORD";

    private final Map<String, String> env;
    private final Path scripts;

    private ClickHouseCluster(Map<String, String> env, Path scripts) {
        this.env = env;
        this.scripts = scripts;
    }

    static ClickHouseCluster fromEnvironment() throws IOException {
        String dir = System.getenv("CLUSTER_DIR");
        String ctl = System.getenv("CLUSTER_CTL");
        if (dir == null || ctl == null) {
            throw new IllegalStateException("the ClickHouse cluster tests need CLUSTER_DIR and CLUSTER_CTL: run them with "
                    + "scripts/test.sh (it runs scripts/cluster.sh up), or run scripts/cluster.sh up DIR and export "
                    + "CLUSTER_DIR=DIR CLUSTER_CTL=$PWD/scripts/cluster.sh");
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(dir, "cluster.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new ClickHouseCluster(env, Path.of(ctl).toAbsolutePath().getParent());
    }

    String name() {
        return env.get("CLICKHOUSE_CLUSTER");
    }

    /** Every server, comma-separated: the consumer's {@code clickhouse.url}. */
    String urls() {
        return env.get("CLICKHOUSE_CLUSTER_URLS");
    }

    String url(int shard, int replica) {
        return env.get("CLICKHOUSE_S" + shard + "R" + replica + "_URL");
    }

    Path dir(int shard, int replica) {
        return Path.of(env.get("CLICKHOUSE_S" + shard + "R" + replica + "_DIR"));
    }

    /** A client of one server only (no fail-over): to count what that replica holds. */
    ClickHouseClient client(int shard, int replica) {
        return new ClickHouseClient(new ClickHouseSettings(List.of(URI.create(url(shard, replica))), "default",
                Secret.of(password()), "default", "t", Compression.NONE, ClickHouseSettings.DEFAULT_PARTITION_BY),
                Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    static String password() {
        String p = System.getenv(PASSWORD_ENV);
        return p == null ? "" : p;
    }

    /** SIGKILL of one ClickHouse server: no shutdown, exactly the recorded PID. */
    void kill(int shard, int replica) throws Exception {
        long pid = Long.parseLong(Files.readString(dir(shard, replica).resolve("clickhouse.pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    void startClickHouse(int shard, int replica) throws Exception {
        run("clickhouse.sh", "start", dir(shard, replica).toString());
    }

    void stopZooKeeper() throws Exception {
        run("zookeeper.sh", "stop", env.get("ZOOKEEPER_DIR"));
    }

    void startZooKeeper() throws Exception {
        run("zookeeper.sh", "start", env.get("ZOOKEEPER_DIR"));
    }

    private void run(String script, String command, String dir) throws Exception {
        Process p = new ProcessBuilder("bash", scripts.resolve(script).toString(), command, dir)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " " + command + " " + dir + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + " " + command + " " + dir + " failed with exit status " + p.exitValue());
        }
    }
}
