package org.queueanalytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.testsupport.AdminHttp;

/**
 * {@code consumer audit --json} as an operator runs it: the consumer jar in its own process, on the test's
 * configuration file alone (scripts/test.sh exports KAFKA_BOOTSTRAP_SERVERS and CLICKHOUSE_URL of its single
 * servers, which would otherwise replace a test's own cluster).
 */
final class ConsumerAudit {
    private static final long TIMEOUT_SECONDS = 180;

    private ConsumerAudit() {
    }

    /**
     * Whether the consumer behind {@code admin} owns {@code partitions} partitions and its {@code /status} lag is 0 on
     * every one: all it read is stored and committed (the README's condition for an audit beside live consumers).
     */
    static boolean lagIsZero(AdminHttp admin, int partitions) throws IOException {
        JsonNode lag = RecordJson.mapper().readTree(admin.get("/status").body()).path("lag");
        if (lag.size() != partitions) {
            return false;
        }
        for (JsonNode partition : lag) {
            if (partition.asLong(-1) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Audits the whole topic; asserts exit 0 (nothing missing, stale or differing) and returns the report. */
    static JsonNode complete(Path config, Path dir) throws Exception {
        Path out = dir.resolve("audit.json");
        Path log = dir.resolve("audit.log");
        Process audit = ServiceProcess.builder("consumer", "audit", "--config", config.toString(), "--json")
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        boolean done = audit.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            audit.destroyForcibly();
        }
        assertThat(done).as("consumer audit finished within %d s (log: %s)", TIMEOUT_SECONDS, log).isTrue();
        String report = Files.readString(out);
        assertThat(audit.exitValue()).as("consumer audit exit status; report: %s; log: %s", report, Files.readString(log)).isZero();
        return RecordJson.mapper().readTree(report);
    }
}
