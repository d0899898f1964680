package org.queueanalytics.producer;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.queueanalytics.common.admin.AdminServer;
import org.queueanalytics.common.cli.ConfigFileOption;
import org.queueanalytics.common.cli.ExitCodes;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.queueanalytics.common.lifecycle.ProcessExit;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.publish.KafkaClientException;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.ShardOwnership;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code java -jar producer.jar [--config FILE]} runs the service until SIGTERM;
 * {@code java -jar producer.jar backfill --config FILE --from ISO --to ISO} polls one range and exits.
 * Exit codes: 0 success, 2 bad usage or invalid configuration (every error printed, each naming its
 * key), 1 runtime failure (the message names the component and the fix).
 */
@Command(name = "producer", mixinStandardHelpOptions = true, version = "queue-analytics producer 0.1.0",
        description = {"Polls Genesys Cloud queue interval statistics and publishes them to Kafka.",
                "Runs until SIGTERM; every poll_interval_seconds it re-polls the lookback (and once a day the deep lookback)."},
        subcommands = ProducerMain.Backfill.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure (Genesys, Kafka)", "2:bad usage or invalid configuration"})
public final class ProducerMain implements Callable<Integer> {
    @Mixin
    ConfigFileOption config;

    @Option(names = "--shard", paramLabel = "i/n",
            description = {"poll only the queues of static shard i of n, joining no group (overrides producer.shard)",
                    "default: producer.shard, else share producer.shards shards with the other instances through Kafka"})
    String shard;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Logs once and exits 1 on a failure no thread may survive (README "The loop never dies silently"). */
    private static final ProcessExit FATAL = new ProcessExit();

    public static void main(String[] args) {
        FatalErrorHandler.installAsDefault(FATAL);
        System.exit(commandLine().execute(args));
    }

    /** The shared command line of {@link ExitCodes} (usage errors exit 2); anything unforeseen escaping a command exits 1. */
    static CommandLine commandLine() {
        CommandLine cli = ExitCodes.commandLine(new ProducerMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("producer: unexpected failure: " + e);
            return ExitCodes.RUNTIME_FAILURE;
        });
        return cli;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ConfigReloader reloader;
        Shard parsedShard;
        try {
            reloader = config.load();
            parsedShard = shard == null ? null : Shard.parse(shard);
        } catch (ConfigException e) {
            return invalidConfiguration(config, e, err);
        } catch (IllegalArgumentException e) {
            err.println("--shard: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        reloader.reloadOnSighup();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerRunner runner = new ProducerRunner(reloader, Clock.systemUTC(), parsedShard, new ProducerMetrics(registry));
        runner.bindMetrics(registry);
        AdminServer admin = new AdminServer(reloader.current().admin(), reloader, registry, runner::readiness, runner::status,
                runner::liveness);
        Thread hook = new Thread(() -> {
            runner.close();
            admin.close();
        }, "producer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                admin.start();
            } catch (RuntimeException e) {
                err.println("producer: " + StartFailures.adminServer(reloader.current().admin(), e));
                return ExitCodes.RUNTIME_FAILURE;
            }
            return runLoop(runner::runUntilStopped, err, FATAL);
        } finally {
            runner.close();
            admin.close();
            removeHook(hook);
        }
    }

    /**
     * Runs the poll loop on this thread: 0 when it stopped because it was asked to, 1 when a failure
     * needs an operator (printed) or anything unexpected ended it (reported once to {@code fatal}).
     */
    static int runLoop(Loop loop, PrintWriter err, FatalErrorHandler fatal) {
        try {
            loop.run();
            return ExitCodes.OK;
        } catch (ProducerFailure e) {
            err.println("producer: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        } catch (RuntimeException | Error e) { // the boundary of the poll loop: it never dies silently
            fatal.fatal("producer poll loop", e);
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    /** The service loop, as {@link ProducerRunner#runUntilStopped()}. */
    @FunctionalInterface
    interface Loop {
        void run() throws ProducerFailure;
    }

    /** Prints every error of the file {@code option} names, each naming its key; exit status 2. */
    static int invalidConfiguration(ConfigFileOption option, ConfigException e, PrintWriter err) {
        err.println("producer: invalid configuration (" + option.file() + "):");
        e.errors().forEach(error -> err.println("  " + error));
        return ExitCodes.USAGE;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    /** Accepts {@code 2025-01-27T08:00:00Z}, an offset, {@code 2025-01-27T08:00:00} (UTC) or {@code 2025-01-27} (UTC midnight). */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // try the friendlier forms below
            }
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // next
            }
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next
            }
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + text
                        + "' is not an ISO-8601 time such as 2025-01-27T08:00:00Z or a date such as 2025-01-27");
            }
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = {"Polls [--from, --to) once and exits 0 when done (--to is exclusive, rounded up to the granularity).",
                    "Progress goes to stderr. Resumable: running the same command again continues after its checkpoint."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the range is done", "1:runtime failure (rerun the same command to resume)",
                    "2:bad usage or invalid configuration"})
    static final class Backfill implements Callable<Integer> {
        @CommandLine.ParentCommand
        ProducerMain parent;

        /** Falls back to the parent's {@code --config} ({@code producer --config FILE backfill …}). */
        @Mixin
        ConfigFileOption config;

        @Option(names = "--from", required = true, paramLabel = "ISO", converter = InstantConverter.class,
                description = "first instant, e.g. 2025-01-01T00:00:00Z (aligned down to the granularity)")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "ISO", converter = InstantConverter.class,
                description = "exclusive end, e.g. 2025-01-31T23:59:59Z (aligned up to the granularity)")
        Instant to;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!to.isAfter(from)) {
                err.println("producer backfill: --to (" + to + ") must come after --from (" + from + ")");
                return ExitCodes.USAGE;
            }
            ConfigFileOption file = config.orElse(parent.config);
            PipelineConfig pipeline;
            Shard shard;
            try {
                pipeline = file.load().current();
                // a backfill joins no group: the static shard if one is set, else every queue
                shard = ShardOwnership.staticShard(pipeline, parent.shard == null ? null : Shard.parse(parent.shard))
                        .orElse(Shard.ALL);
            } catch (ConfigException e) {
                return invalidConfiguration(file, e, err);
            } catch (IllegalArgumentException e) {
                err.println("--shard: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Clock clock = Clock.systemUTC();
            ProducerService service = ProducerWiring.forConfig(pipeline).clock(clock).shard(shard).service();
            Thread hook = new Thread(service::close, "producer-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Instant started = clock.instant();
            try {
                PollReport report = service.backfill(from, to, (done, total, records) -> {
                    Duration elapsed = Duration.between(started, clock.instant());
                    Duration eta = done == 0 ? Duration.ZERO : elapsed.multipliedBy(total - done).dividedBy(done);
                    err.printf("backfill: %d/%d windows (%.0f%%), %d records, %d requests, ETA %s%n", done, total,
                            100.0 * done / Math.max(1, total), records, service.status().requestsSent(), format(eta));
                    err.flush();
                });
                err.printf("backfill: done — %d windows, %d records, %d queues, %d requests in %s%n", report.windows(),
                        report.records(), report.queues(), service.status().requestsSent(),
                        format(Duration.between(started, clock.instant())));
                return ExitCodes.OK;
            } catch (GenesysException e) {
                err.println("producer backfill: Genesys Cloud client: " + e.getMessage()
                        + " (rerun the same command to resume after the last finished window)");
                return ExitCodes.RUNTIME_FAILURE;
            } catch (PublishException e) {
                err.println("producer backfill: Kafka publisher: " + e.getMessage()
                        + " (rerun the same command to resume after the last finished window)");
                return ExitCodes.RUNTIME_FAILURE;
            } catch (KafkaClientException e) {
                err.println("producer backfill: " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            } catch (InterruptedException e) {
                err.println("producer backfill: stopped; rerun the same command to resume");
                return ExitCodes.RUNTIME_FAILURE;
            } finally {
                service.close();
                removeHook(hook);
            }
        }

        private static String format(Duration d) {
            long s = d.toSeconds();
            return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
    }
}
