package org.queueanalytics.emulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.queueanalytics.emulator.auth.ClientCredentials;
import org.queueanalytics.emulator.faults.FaultSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar genesys-emulator.jar --port N …}: serves until SIGTERM/SIGINT.
 * Exit codes: 0 after {@code --help}/{@code --version} or a clean stop, 2 for bad usage,
 * 1 when the server cannot start (e.g. port in use).
 */
@Command(name = "genesys-emulator", mixinStandardHelpOptions = true, version = "genesys-emulator 0.1.0",
        sortOptions = false,
        description = "Genesys Cloud API emulator (OAuth, routing queues, conversation aggregates, queue observations) for tests and demos.%n"
                + "Serves the login host (/oauth/token) and the API host on one port; admin endpoints under /emulator/.")
public final class EmulatorMain implements Callable<Integer> {
    private static final String LOGBACK_RESOURCE = "genesys-emulator-logback.xml";

    @Option(names = "--port", required = true, description = "TCP port (0 = any free port)")
    int port;

    @Option(names = "--host", defaultValue = EmulatorSettings.DEFAULT_HOST, description = "bind address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--queues", defaultValue = "" + EmulatorSettings.DEFAULT_QUEUES, description = "queues listed by the routing API (default: ${DEFAULT-VALUE})")
    int queues;

    @Option(names = "--deleted-queues", defaultValue = "0", description = "extra queues present only in analytics answers (default: ${DEFAULT-VALUE})")
    int deletedQueues;

    @Option(names = "--seed", defaultValue = "" + EmulatorSettings.DEFAULT_SEED, description = "seed of queue ids, names and data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rate-limit-per-minute", defaultValue = "" + EmulatorSettings.DEFAULT_RATE_LIMIT_PER_MINUTE, description = "requests per token per minute (default: ${DEFAULT-VALUE})")
    int rateLimitPerMinute;

    @Option(names = "--token-ttl-seconds", defaultValue = "86400", description = "token lifetime, expires_in (default: ${DEFAULT-VALUE})")
    long tokenTtlSeconds;

    @Option(names = "--client-id", defaultValue = ClientCredentials.DEFAULT_CLIENT_ID, description = "accepted OAuth client id (default: ${DEFAULT-VALUE})")
    String clientId;

    @Option(names = "--client-secret", defaultValue = ClientCredentials.DEFAULT_CLIENT_SECRET, description = "accepted OAuth client secret (default: demo-secret)")
    String clientSecret;

    @Option(names = "--deny-permission", description = "a permission the client lacks, e.g. analytics:conversationAggregate:view (repeatable)")
    List<String> deniedPermissions = new ArrayList<>();

    @Option(names = {"--no-ingestion-delay", "--no-growth"},
            description = "events show as soon as they happen (no 0-120 s ingestion delay, no reprocessing): closed intervals never change between polls")
    boolean noIngestionDelay;

    @Option(names = "--reprocessing", description = "0.5%% of contacts get their ACW corrected 48 h after it ended (closed intervals change once)")
    boolean reprocessing;

    @Option(names = "--sl-counts-flow-outs", description = "flow-outs count in the oServiceLevel denominator (default: they do not)")
    boolean slCountsFlowOuts;

    @Option(names = "--sl-counts-short-abandons", description = "short abandons stay in the oServiceLevel denominator (default: excluded)")
    boolean slCountsShortAbandons;

    @Option(names = "--empty-results-as-results-list", description = "answer {\"results\":[]} instead of {} when nothing matches")
    boolean emptyAsResultsList;

    /** The former opt-in for {@code {}}, now the default; still accepted so old command lines keep working. */
    @Option(names = "--empty-results-as-empty-object", hidden = true)
    boolean emptyAsEmptyObject;

    @Option(names = "--max-predicates", defaultValue = "" + EmulatorSettings.DEFAULT_MAX_PREDICATES, description = "predicates per aggregates query, queueId predicates per observations query, before a 400 (default: ${DEFAULT-VALUE})")
    int maxPredicates;

    @Option(names = "--fault-5xx-rate", defaultValue = "0", description = "probability of a 503 answer per API call (0..1)")
    double fault5xxRate;

    @Option(names = "--fault-drop-rate", defaultValue = "0", description = "probability of closing the connection without an answer (0..1)")
    double faultDropRate;

    @Option(names = "--fault-empty-body-rate", defaultValue = "0", description = "probability of a 200 with an empty body on the aggregates and routing-queues endpoints (0..1)")
    double faultEmptyBodyRate;

    @Option(names = "--fault-slow-ms", defaultValue = "0", description = "delay added to every API answer, in milliseconds")
    long faultSlowMs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_RESOURCE);
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; returns the exit code (blocks while serving). */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return new CommandLine(new EmulatorMain()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        GenesysEmulator emulator;
        try {
            emulator = builder().build();
        } catch (IllegalArgumentException invalid) {
            err.println("genesys-emulator: " + invalid.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try {
            emulator.start();
        } catch (RuntimeException cannotStart) {
            err.println("genesys-emulator: cannot listen on " + host + ":" + port + ": " + cannotStart.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "genesys-emulator-shutdown"));
        err.println("genesys-emulator listening on " + emulator.baseUrl() + " (queues=" + queues
                + ", deleted=" + deletedQueues + ", seed=" + seed + ", client_id=" + clientId + ")");
        err.flush();
        stopped.await();
        return CommandLine.ExitCode.OK;
    }

    GenesysEmulator.Builder builder() {
        GenesysEmulator.Builder builder = GenesysEmulator.builder()
                .host(host)
                .port(port)
                .queues(queues)
                .deletedQueues(deletedQueues)
                .seed(seed)
                .rateLimitPerMinute(rateLimitPerMinute)
                .tokenTtl(Duration.ofSeconds(tokenTtlSeconds))
                .clientCredentials(clientId, clientSecret)
                .ingestionDelay(!noIngestionDelay)
                .reprocessing(reprocessing && !noIngestionDelay)
                .flowOutsCountInServiceLevel(slCountsFlowOuts)
                .shortAbandonsExcludedFromServiceLevel(!slCountsShortAbandons)
                .emptyResultsAsEmptyObject(!emptyAsResultsList)
                .maxPredicates(maxPredicates)
                .faults(new FaultSettings(fault5xxRate, faultDropRate, Duration.ofMillis(faultSlowMs), faultEmptyBodyRate));
        deniedPermissions.forEach(builder::denyPermission);
        return builder;
    }
}
