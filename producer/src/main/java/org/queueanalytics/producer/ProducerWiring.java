package org.queueanalytics.producer;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import org.queueanalytics.common.config.AnalyticsSettings;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.producer.genesys.AggregatesClient;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.QueueDirectory;
import org.queueanalytics.producer.observations.ObservationPoller;
import org.queueanalytics.producer.observations.ObservationTracker;
import org.queueanalytics.producer.observations.ObservationsClient;
import org.queueanalytics.producer.planning.IntervalPlanner;
import org.queueanalytics.producer.publish.KafkaObservationPublisher;
import org.queueanalytics.producer.publish.ObservationSink;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;

/**
 * The one place a {@link ProducerService} and everything under it is built, from the
 * configuration and a few seams. Without a seam set, each part is the production one:
 *
 * <pre>
 * PollingContext  clock (system UTC), shards (every queue), stop signal, waits (the stop signal), observer (none)
 * GenesysInputs   one GenesysHttpClient (budget, token, retries, all waits through {@code waits})
 *                 → QueueDirectory (queues) and AggregatesClient (statistics),
 *                   and for live queue state ObservationsClient and QueueDirectory.known()
 * KafkaOutputs    opened by the first cycle: topics, checkpoint store, idempotent publisher
 * StatusTracker   the counters and state behind /status
 * CycleRunner     plans each shard (IntervalPlanner) and hands each group of shards to a WindowPoller
 * ObservationControl  the observation poller (observations.*): same client, directory and shards,
 *                 its own Kafka publisher to observations.topic; started with the loop when enabled
 * ProducerService the loop, the wait between cycles, the failure policy, close()
 * </pre>
 *
 * <p>Use: {@code ProducerWiring.forConfig(config).clock(clock).shards(ownership).service()}. The
 * seams tests inject — the stop signal and waits, the Genesys side, the Kafka side — are
 * package-private. Nothing connects anywhere until the service's first cycle.
 */
public final class ProducerWiring {
    private final PipelineConfig config;
    private Clock clock = Clock.systemUTC();
    private ShardOwnership shards = ShardOwnership.fixed(Shard.ALL);
    private ProducerObserver observer = ProducerObserver.NONE;
    private StopSignal stop;
    private Sleeper waits;
    private GenesysInputs genesys;
    private KafkaOutputs.Opener kafka;
    private Function<ObservationSettings, ObservationSink> observationSinks;

    private ProducerWiring(PipelineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The production wiring of {@code config}: shard 0/1 (every queue), the system clock, no observer. */
    public static ProducerWiring forConfig(PipelineConfig config) {
        return new ProducerWiring(config);
    }

    public ProducerWiring clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Polls exactly {@code shard}. */
    public ProducerWiring shard(Shard shard) {
        return shards(ShardOwnership.fixed(shard));
    }

    /**
     * Polls the shards {@code shards} owns at each cycle's start (e.g. a
     * {@link org.queueanalytics.producer.sharding.GroupMembership}); the caller closes it.
     */
    public ProducerWiring shards(ShardOwnership shards) {
        this.shards = Objects.requireNonNull(shards, "shards");
        return this;
    }

    /** Receives the requests and cycles of the service (the metrics). */
    public ProducerWiring observer(ProducerObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /** The signal {@link ProducerService#close()} stops (default: a new one, which also does the waits). */
    ProducerWiring stop(StopSignal stop) {
        this.stop = Objects.requireNonNull(stop, "stop");
        return this;
    }

    /**
     * Every wait — request budget, Retry-After, backoff, the interval between cycles (default: the
     * stop signal). Integration tests pass a sleeper that moves their test clock instead of
     * sleeping; it must throw {@link InterruptedException} once the stop signal is stopped.
     */
    ProducerWiring waits(Sleeper waits) {
        this.waits = Objects.requireNonNull(waits, "waits");
        return this;
    }

    /** Another Genesys side (default: the HTTP client of {@code oauth.*}, {@code analytics.*} and {@code retry.*}). */
    ProducerWiring genesys(GenesysInputs genesys) {
        this.genesys = Objects.requireNonNull(genesys, "genesys");
        return this;
    }

    /** Other outputs (default: Kafka of {@code kafka.*}, opened by the first cycle). */
    ProducerWiring kafka(KafkaOutputs.Opener kafka) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        return this;
    }

    /** Where observation snapshots go, per {@code observations.*} (default: Kafka of {@code kafka.*}, topic {@code observations.topic}). */
    ProducerWiring observationSinks(Function<ObservationSettings, ObservationSink> sinks) {
        this.observationSinks = Objects.requireNonNull(sinks, "sinks");
        return this;
    }

    /** Builds the service; it connects to nothing until its first cycle. */
    public ProducerService service() {
        StopSignal stopSignal = stop != null ? stop : new StopSignal();
        PollingContext context = new PollingContext(clock, shards, stopSignal, waits != null ? waits : stopSignal, observer);
        GenesysInputs inputs = genesys != null ? genesys : genesysOverHttp(context);
        KafkaOutputs.Opener outputs = kafka != null ? kafka : () -> KafkaOutputs.open(config.kafka());
        StatusTracker tracker = new StatusTracker(config.analytics(), shards, inputs.requestsSent(), inputs.tokensIssued());
        CycleRunner cycles = new CycleRunner(IntervalPlanner.forSettings(config.analytics(), clock), context, inputs, outputs,
                tracker);
        return new ProducerService(config, context, tracker, cycles, observations(context, inputs));
    }

    /** The observation poller of this service: the same Genesys side and shards, its own sink per settings. */
    private ObservationControl observations(PollingContext context, GenesysInputs inputs) {
        Function<ObservationSettings, ObservationSink> sinks = observationSinks != null ? observationSinks
                : settings -> new KafkaObservationPublisher(config.kafka(), settings);
        ObservationTracker observationTracker = new ObservationTracker(context.observer());
        return new ObservationControl(config.observations(), config.analytics().fixedRange(),
                settings -> new ObservationPoller(settings, inputs.observations(), inputs.knownQueues(), context.shards(),
                        sinks.apply(settings), observationTracker, context.clock()),
                observationTracker);
    }

    private GenesysInputs genesysOverHttp(PollingContext context) {
        AnalyticsSettings analytics = config.analytics();
        GenesysHttpClient http = GenesysHttpClient.create(config.oauth(), analytics.maxRequestsPerMinute(), config.retry(),
                context.clock(), context.waits(), context.observer());
        QueueDirectory directory = new QueueDirectory(http, analytics.queueIds(), context.clock(), QueueDirectory.DEFAULT_REFRESH);
        AggregatesClient aggregates = new AggregatesClient(http, analytics.interval(), analytics.mediaTypes(), context.clock(),
                context.observer());
        return new GenesysInputs(directory, aggregates, http::requestsSent, () -> http.tokens().tokensIssued(), directory::known,
                new ObservationsClient(http, context.clock()));
    }
}
