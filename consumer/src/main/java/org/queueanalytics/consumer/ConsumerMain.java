package org.queueanalytics.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.queueanalytics.common.cli.ConfigFileOption;
import org.queueanalytics.common.cli.ExitCodes;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.kafka.KafkaClients;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.queueanalytics.common.lifecycle.ProcessExit;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.audit.AuditCommand;
import org.queueanalytics.consumer.dlq.DlqReplayCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar consumer.jar [--config FILE]}, {@code … replay}, {@code … audit} and {@code … dlq-replay}. */
@Command(name = "consumer", mixinStandardHelpOptions = true, subcommands = {ConsumerMain.Replay.class, AuditCommand.class, DlqReplayCommand.class},
        description = "Reads queue interval records from Kafka and writes them into ClickHouse "
                + "(offsets committed only after ClickHouse acknowledged the rows).")
public final class ConsumerMain implements Callable<Integer> {
    @Mixin
    private ConfigFileOption config;

    /** Logs once and exits 1 on a failure no thread may survive (README "The loop never dies silently"). */
    private static final ProcessExit FATAL = new ProcessExit();

    public static void main(String[] args) {
        FatalErrorHandler.installAsDefault(FATAL);
        System.exit(ExitCodes.commandLine(new ConsumerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ConfigReloader reloader = config.load();
        reloader.reloadOnSighup();
        ConsumerService service = new ConsumerService(reloader, ConsumerMode.live(), FATAL);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
        service.start(true);
        service.awaitLoopEnd(Duration.ofDays(36_500));
        // Ends on SIGTERM (the hook closed the service: exit 0) or on a failure (already reported: exit 1).
        return exitStatus(service);
    }

    /** 0 when the loop ended because the service was closed, 1 when it failed or ended by itself. */
    static int exitStatus(ConsumerService service) {
        return service.loopFailure().isEmpty() && service.isClosed() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-inserts the topic into ClickHouse from the beginning or a timestamp, in the dedicated "
                    + "consumer group <group_id>.replay (the live group keeps its offsets). ReplacingMergeTree makes "
                    + "the result converge: SELECT … FINAL shows no row twice.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        private ConfigFileOption config;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private From from;

        @Option(names = "--until-caught-up", description = "stop once everything up to the end offsets seen at start is stored")
        private boolean untilCaughtUp;

        static final class From {
            @Option(names = "--from-beginning", required = true, description = "replay every record the topic still holds")
            boolean beginning;

            @Option(names = "--from-timestamp", required = true, paramLabel = "ISO",
                    description = "replay records written at or after this instant, e.g. 2025-01-27T00:00:00Z")
            Instant timestamp;
        }

        @Override
        public Integer call() throws Exception {
            ConfigReloader reloader = config.load();
            PipelineConfig cfg = reloader.current();
            ConsumerMode mode = ConsumerMode.replay(from.beginning ? null : from.timestamp, untilCaughtUp);
            refuseWhenReplayGroupIsActive(cfg, mode.groupId(cfg.kafka()));
            long started = System.nanoTime();
            ConsumerService service = new ConsumerService(reloader, mode, FATAL);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
            service.start(false);
            if (untilCaughtUp) {
                while (!service.awaitLoopEnd(Duration.ofSeconds(5))) {
                    System.err.printf("replay: %d records read, %d rows inserted, %d to the DLQ%n",
                            service.metrics().recordsConsumed(), service.metrics().rowsInserted(), service.metrics().deadLetters());
                }
            } else {
                service.awaitLoopEnd(Duration.ofDays(36_500));
            }
            service.close();
            if (service.loopFailure().isPresent()) {
                System.err.printf("replay failed after %d records read and %d rows inserted: %s; rerun it (ReplacingMergeTree "
                        + "keeps one copy of what is inserted twice)%n", service.metrics().recordsConsumed(),
                        service.metrics().rowsInserted(), service.loopFailure().get());
                return ExitCodes.RUNTIME_FAILURE;
            }
            System.out.printf("replay done: %d records read, %d rows inserted, %d records to the DLQ, %.1f s%n",
                    service.metrics().recordsConsumed(), service.metrics().rowsInserted(), service.metrics().deadLetters(),
                    (System.nanoTime() - started) / 1e9);
            return ExitCodes.OK;
        }

        private static void refuseWhenReplayGroupIsActive(PipelineConfig cfg, String group) throws Exception {
            Properties props = KafkaClients.baseProperties(cfg.kafka());
            try (Admin admin = Admin.create(props)) {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(30, TimeUnit.SECONDS);
                if (!d.members().isEmpty()) {
                    throw new IllegalStateException("another replay is running in consumer group " + group + " ("
                            + d.members().size() + " member(s)); wait for it to finish or stop it first");
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }
    }
}
