package org.queueanalytics.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.analytics.IngestionModel;
import org.queueanalytics.emulator.analytics.ServiceLevelOptions;
import picocli.CommandLine;

class EmulatorMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EmulatorMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheOptionsAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--queues", "--seed", "--rate-limit-per-minute",
                "--token-ttl-seconds", "--client-id", "--client-secret", "--fault-5xx-rate", "--fault-slow-ms",
                "--fault-drop-rate", "--deny-permission", "--deleted-queues", "--no-ingestion-delay", "--reprocessing",
                "--sl-counts-flow-outs", "--sl-counts-short-abandons", "--empty-results-as-results-list");
    }

    @Test
    void aMissingPortIsBadUsage() {
        assertThat(run("--queues", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        assertThat(run("--port", "0", "--colour", "blue")).isEqualTo(2);
    }

    @Test
    void anInvalidValueIsBadUsageNamingIt() {
        assertThat(run("--port", "0", "--fault-5xx-rate", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("5xx rate");
    }

    @Test
    void optionsReachTheSettings() {
        EmulatorMain command = new EmulatorMain();
        new CommandLine(command).parseArgs("--port", "0", "--queues", "7", "--seed", "9", "--token-ttl-seconds", "300",
                "--rate-limit-per-minute", "10", "--client-id", "a", "--client-secret", "b",
                "--deny-permission", "routing:queue:view", "--fault-slow-ms", "5", "--no-growth");
        EmulatorSettings settings = command.builder().build().settings();

        assertThat(settings.queues()).isEqualTo(7);
        assertThat(settings.seed()).isEqualTo(9);
        assertThat(settings.tokenTtl().toSeconds()).isEqualTo(300);
        assertThat(settings.rateLimitPerMinute()).isEqualTo(10);
        assertThat(settings.credentials().clientId()).isEqualTo("a");
        assertThat(settings.deniedPermissions()).containsExactly("routing:queue:view");
        assertThat(settings.faults().slowDelay().toMillis()).isEqualTo(5);
        assertThat(settings.ingestion().delayed()).isFalse();
    }

    @Test
    void byDefaultEventsAreDelayedFlowOutsDoNotCountShortAbandonsAreExcludedAndEmptyIsAnEmptyObject() {
        EmulatorMain command = new EmulatorMain();
        new CommandLine(command).parseArgs("--port", "0");
        EmulatorSettings settings = command.builder().build().settings();

        assertThat(settings.ingestion()).isEqualTo(IngestionModel.DELAYED);
        assertThat(settings.serviceLevelOptions()).isEqualTo(ServiceLevelOptions.DEFAULT);
        assertThat(settings.serviceLevelOptions().flowOutsCount()).isFalse();
        assertThat(settings.serviceLevelOptions().shortAbandonsExcluded()).isTrue();
        assertThat(settings.emptyResultsAsEmptyObject()).isTrue();
    }

    @Test
    void ingestionServiceLevelAndEmptyAnswerOptionsReachTheSettings() {
        EmulatorMain command = new EmulatorMain();
        new CommandLine(command).parseArgs("--port", "0", "--reprocessing", "--sl-counts-flow-outs",
                "--sl-counts-short-abandons", "--empty-results-as-results-list");
        EmulatorSettings settings = command.builder().build().settings();

        assertThat(settings.ingestion()).isEqualTo(new IngestionModel(true, true));
        assertThat(settings.serviceLevelOptions()).isEqualTo(new ServiceLevelOptions(true, false));
        assertThat(settings.emptyResultsAsEmptyObject()).isFalse();
    }

    @Test
    void noIngestionDelayAlsoTurnsReprocessingOff() {
        EmulatorMain command = new EmulatorMain();
        new CommandLine(command).parseArgs("--port", "0", "--reprocessing", "--no-ingestion-delay");

        assertThat(command.builder().build().settings().ingestion()).isEqualTo(IngestionModel.IMMEDIATE);
    }
}
