package org.queueanalytics.consumer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.cli.ExitCodes;
import org.queueanalytics.consumer.ConsumerMain;
import picocli.CommandLine;

/** Argument parsing of {@code audit} and {@code dlq-replay}: usage errors exit 2 before anything is contacted. */
class CommandLineTest {
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ExitCodes.commandLine(new ConsumerMain());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void auditAnswersHelp() {
        assertThat(run("audit", "--help")).isZero();
        assertThat(out.toString()).contains("--from", "--to", "--json", "--config");
    }

    @Test
    void dlqReplayAnswersHelp() {
        assertThat(run("dlq-replay", "--help")).isZero();
        assertThat(out.toString()).contains("--reason", "--dry-run");
    }

    @Test
    void aTimestampThatIsNotIsoIsAUsageError() {
        assertThat(run("audit", "--config", "x.json", "--from", "yesterday")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--from");
    }

    @Test
    void fromNotBeforeToIsAUsageError() {
        assertThat(run("audit", "--config", "x.json", "--from", "2025-01-28T00:00:00Z", "--to", "2025-01-27T00:00:00Z"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("must be before --to");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("audit", "--config", "x.json", "--everything")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("dlq-replay", "--config", "x.json", "--reason")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aBlankReasonIsAUsageError() {
        assertThat(run("dlq-replay", "--config", "x.json", "--reason", " ")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--reason must be one word");
    }

    @Test
    void aMissingConfigFileIsAConfigurationError() {
        assertThat(run("audit", "--config", "/nonexistent/config.json")).isEqualTo(ExitCodes.USAGE);
    }
}
