package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProducerMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ProducerMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpDescribesTheServiceAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--config").contains("backfill").contains("Exit codes");
    }

    @Test
    void backfillHelpDescribesItsOptions() {
        assertThat(run("backfill", "--help")).isZero();
        assertThat(out.toString()).contains("--from").contains("--to").contains("resume");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("--bogus");
    }

    @Test
    void backfillWithoutItsRangeIsBadUsage() {
        assertThat(run("backfill", "--config", "x.json")).isEqualTo(2);
        assertThat(err.toString()).contains("--from");
    }

    @Test
    void aBadTimeIsBadUsage() {
        assertThat(run("backfill", "--from", "yesterday", "--to", "2025-01-02")).isEqualTo(2);
        assertThat(err.toString()).contains("yesterday");
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        assertThat(run("--config", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.json").contains("does not exist");
    }

    @Test
    void everyConfigErrorIsPrintedWithItsKey() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"oauth":{"client_id":"id","client_secret":"secret"},
                 "analytics":{"interval":"PT7M","max_requests_per_minute":0},
                 "surprise":1}
                """);

        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("analytics.interval").contains("analytics.max_requests_per_minute")
                .contains("surprise").doesNotContain("secret\"");
    }

    @Test
    void aMediaTypeGenesysDoesNotKnowIsAConfigError() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"oauth":{"client_id":"id","client_secret":"secret"},"analytics":{"media_types":["voice","call"]}}
                """);

        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("analytics.media_types[1]: \"call\" is not a Genesys media type (valid: callback, chat,");
    }

    @Test
    void aBadShardIsBadUsage() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"oauth\":{\"client_id\":\"id\",\"client_secret\":\"x\"}}");

        assertThat(run("--config", config.toString(), "--shard", "2/2")).isEqualTo(2);
        assertThat(err.toString()).contains("--shard");
    }

    @Test
    void backfillRejectsAnEmptyRange() throws Exception {
        assertThat(run("backfill", "--from", "2025-01-02", "--to", "2025-01-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--to");
    }

    @Test
    void timesMayBeInstantsOffsetsLocalTimesOrDates() {
        ProducerMain.InstantConverter converter = new ProducerMain.InstantConverter();
        assertThat(converter.convert("2025-01-27T08:00:00Z")).isEqualTo(Instant.parse("2025-01-27T08:00:00Z"));
        assertThat(converter.convert("2025-01-27T09:00:00+01:00")).isEqualTo(Instant.parse("2025-01-27T08:00:00Z"));
        assertThat(converter.convert("2025-01-27T08:00:00")).isEqualTo(Instant.parse("2025-01-27T08:00:00Z"));
        assertThat(converter.convert("2025-01-27")).isEqualTo(Instant.parse("2025-01-27T00:00:00Z"));
    }

    @Test
    void anUnexpectedErrorEndingThePollLoopIsReportedOnceAndExitsOne() {
        java.util.List<String> reported = new java.util.ArrayList<>();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

        int status = ProducerMain.runLoop(() -> {
            throw oom;
        }, new PrintWriter(err, true), (component, error) -> reported.add(component + ": " + error.getMessage()));

        assertThat(status).isEqualTo(1);
        assertThat(reported).containsExactly("producer poll loop: Java heap space");
    }

    @Test
    void aFailureThatNeedsAnOperatorExitsOneWithItsMessageAndIsNotReportedAsUnexpected() {
        java.util.List<Throwable> reported = new java.util.ArrayList<>();

        int status = ProducerMain.runLoop(() -> {
            throw new ProducerFailure("Genesys Cloud client: 403 missing permission analytics:queueObservation:view", null);
        }, new PrintWriter(err, true), (component, error) -> reported.add(error));

        assertThat(status).isEqualTo(1);
        assertThat(reported).isEmpty();
        assertThat(err.toString()).contains("403 missing permission");
    }

    @Test
    void aLoopStoppedOnRequestExitsZero() {
        assertThat(ProducerMain.runLoop(() -> { }, new PrintWriter(err, true), (component, error) -> { })).isZero();
    }
}
