package org.queueanalytics.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.queueanalytics.emulator.admin.AdminEndpoints;
import org.queueanalytics.emulator.analytics.AggregateQueryParser;
import org.queueanalytics.emulator.analytics.AggregatesEndpoint;
import org.queueanalytics.emulator.analytics.AggregatesEngine;
import org.queueanalytics.emulator.analytics.AggregatesRenderer;
import org.queueanalytics.emulator.analytics.ContactGenerator;
import org.queueanalytics.emulator.analytics.ContactSource;
import org.queueanalytics.emulator.analytics.IngestionModel;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.analytics.ServedLedger;
import org.queueanalytics.emulator.analytics.ServiceLevelOptions;
import org.queueanalytics.emulator.auth.ClientCredentials;
import org.queueanalytics.emulator.auth.OAuthTokenEndpoint;
import org.queueanalytics.emulator.auth.Permissions;
import org.queueanalytics.emulator.auth.TokenStore;
import org.queueanalytics.emulator.faults.BrokenAnswer;
import org.queueanalytics.emulator.faults.FaultInjector;
import org.queueanalytics.emulator.faults.FaultSettings;
import org.queueanalytics.emulator.observations.ObservationLedger;
import org.queueanalytics.emulator.observations.ObservationModel;
import org.queueanalytics.emulator.observations.ObservationQueryParser;
import org.queueanalytics.emulator.observations.ObservationsEndpoint;
import org.queueanalytics.emulator.observations.ObservationsRenderer;
import org.queueanalytics.emulator.observations.QueueObservations;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.QueueCatalog;
import org.queueanalytics.emulator.queues.RoutingQueuesEndpoint;
import org.queueanalytics.emulator.ratelimit.RateLimiter;
import org.queueanalytics.emulator.web.ApiGate;
import org.queueanalytics.emulator.web.EmulatorServer;
import org.queueanalytics.emulator.web.JsonCodec;
import org.queueanalytics.emulator.web.RequestStats;

/**
 * A Genesys Cloud API emulator on one port (login host and API host together): OAuth client
 * credentials, routing queues, conversation aggregates, queue observations (live state), per-token
 * rate limit and injectable faults, plus {@code /emulator/*} admin endpoints. The wiring of all
 * stages lives here.
 *
 * <pre>{@code
 * try (GenesysEmulator emulator = GenesysEmulator.builder().queues(1000).seed(42).build().start()) {
 *     URI base = emulator.baseUrl();               // oauth.base_url and oauth.login_url
 *     ...
 *     emulator.served(queueId, "voice", start);    // what the pipeline should have stored
 *     emulator.observationsAt(instant);            // the live state the observations query answers then
 * }
 * }</pre>
 */
public final class GenesysEmulator implements AutoCloseable {
    private final EmulatorSettings settings;
    private final QueueCatalog catalog;
    private final TokenStore tokens;
    private final FaultInjector faults;
    private final ServedLedger ledger = new ServedLedger();
    private final ContactSource contacts;
    private final ObservationModel observations;
    private final ObservationLedger observationLedger = new ObservationLedger();
    private final RequestStats stats = new RequestStats();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EmulatorServer server;

    private GenesysEmulator(EmulatorSettings settings) {
        this.settings = settings;
        this.catalog = QueueCatalog.generate(settings.seed(), settings.queues(), settings.deletedQueues());
        this.tokens = new TokenStore(settings.tokenTtl(), settings.clock());
        this.faults = new FaultInjector(settings.faults(), settings.seed());
        this.contacts = settings.contactSource() != null ? settings.contactSource() : new ContactGenerator(settings.seed());
        this.observations = new ObservationModel(catalog, contacts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts answering; returns this. */
    public synchronized GenesysEmulator start() {
        if (server != null) {
            throw new IllegalStateException("the emulator is already started on port " + server.port());
        }
        JsonCodec json = new JsonCodec();
        AggregatesEndpoint aggregates = new AggregatesEndpoint(
                new AggregateQueryParser(json.mapper(), settings.maxPredicates()),
                new AggregatesEngine(catalog, contacts, settings.ingestion(), settings.serviceLevelOptions()),
                new AggregatesRenderer(settings.emptyResultsAsEmptyObject()),
                ledger, settings.clock());
        ObservationsEndpoint observationsEndpoint = new ObservationsEndpoint(
                new ObservationQueryParser(json.mapper(), settings.maxPredicates()), observations,
                new ObservationsRenderer(settings.emptyResultsAsEmptyObject()), observationLedger, settings.clock());
        EmulatorServer.Handlers handlers = new EmulatorServer.Handlers(
                new OAuthTokenEndpoint(settings.credentials(), tokens),
                new RoutingQueuesEndpoint(catalog),
                aggregates,
                observationsEndpoint,
                new AdminEndpoints(ledger, stats, tokens, faults, catalog, json.mapper()));
        ApiGate gate = new ApiGate(faults, tokens,
                new RateLimiter(settings.rateLimitPerMinute(), settings.clock()),
                new Permissions(settings.deniedPermissions()));
        server = EmulatorServer.start(settings.host(), settings.port(), handlers, gate, stats, json);
        return this;
    }

    /** {@code http://host:port} — both {@code oauth.base_url} and {@code oauth.login_url}. */
    public URI baseUrl() {
        String host = "0.0.0.0".equals(settings.host()) || "::".equals(settings.host()) ? "127.0.0.1" : settings.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    public int port() {
        EmulatorServer running = server;
        if (running == null) {
            throw new IllegalStateException("the emulator is not started; call start() first");
        }
        return running.port();
    }

    /** Stops the server; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && server != null) {
            server.close();
        }
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public ClientCredentials credentials() {
        return settings.credentials();
    }

    // ---- the organisation ----

    /** Queues the routing API lists, in catalog order. */
    public List<EmulatedQueue> queues() {
        return catalog.visible();
    }

    /** Queues that exist only in analytics history (absent from routing). */
    public List<EmulatedQueue> deletedQueues() {
        return catalog.all().stream().filter(EmulatedQueue::deleted).toList();
    }

    /** Every queue, deleted ones included. */
    public List<EmulatedQueue> allQueues() {
        return catalog.all();
    }

    // ---- what happened ----

    /** Requests answered with {@code status} ({@link Endpoints#DROPPED} for dropped connections). */
    public long requestCount(String endpoint, int status) {
        return stats.count(endpoint, status);
    }

    public long requestCount(String endpoint) {
        return stats.total(endpoint);
    }

    /** endpoint → status → count. */
    public Map<String, Map<Integer, Long>> requestCounts() {
        return stats.snapshot();
    }

    public long tokensIssued() {
        return tokens.issuedCount();
    }

    /** The last values served for every bucket answered so far (grouped by queue and media type). */
    public List<ServedInterval> served() {
        return ledger.all();
    }

    /** The last values served for one bucket, if it was ever answered with data. */
    public Optional<ServedInterval> served(String queueId, String mediaType, Instant intervalStart) {
        return ledger.find(queueId, mediaType, intervalStart);
    }

    /** The last values served for exactly the bucket {@code [intervalStart, intervalEnd)}. */
    public Optional<ServedInterval> served(String queueId, String mediaType, Instant intervalStart, Instant intervalEnd) {
        return ledger.find(queueId, mediaType, intervalStart, intervalEnd);
    }

    public void clearServed() {
        ledger.clear();
    }

    /**
     * The live state of every existing queue at {@code at}: every supported observation metric, every media type
     * each queue handles — exactly what {@code POST /api/v2/analytics/queues/observations/query} answers at that
     * instant of the emulator's clock (restricted to the queues, media types and metrics it asks for). Works
     * before {@link #start()} too.
     */
    public QueueObservations observationsAt(Instant at) {
        return observations.observeAll(at);
    }

    /** The last observation answers served (at most {@link ObservationLedger#CAPACITY}), oldest first, each with its instant. */
    public List<QueueObservations> servedObservations() {
        return observationLedger.all();
    }

    public void clearServedObservations() {
        observationLedger.clear();
    }

    // ---- faults ----

    public FaultInjector faults() {
        return faults;
    }

    /** The next {@code count} API calls answer {@code status} with a Genesys error body. */
    public void failNext(int count, int status) {
        faults.failNext(count, status);
    }

    /**
     * The next {@code count} calls to {@code endpoints} (default: the aggregates query and the routing
     * queue list, see {@link FaultInjector#BREAKABLE}) answer 200 with {@code kind}'s body instead of data.
     */
    public void breakNextAnswers(int count, BrokenAnswer kind, String... endpoints) {
        faults.breakNextAnswers(count, kind, endpoints.length == 0 ? FaultInjector.BREAKABLE : Set.of(endpoints));
    }

    /** Every API answer is delayed by {@code delay} ({@link Duration#ZERO} to stop). */
    public void slowDown(Duration delay) {
        faults.slowDown(delay);
    }

    /** The next {@code count} API calls have their connection closed without an answer. */
    public void dropNextConnections(int count) {
        faults.dropNextConnections(count);
    }

    /** Every token issued so far becomes invalid (401 on the next API call). */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    public void resetFaults() {
        faults.reset();
    }

    /** Fluent, validated construction; {@link #build()} checks every value at once. */
    public static final class Builder {
        private String host = EmulatorSettings.DEFAULT_HOST;
        private int port;
        private int queues = EmulatorSettings.DEFAULT_QUEUES;
        private int deletedQueues;
        private long seed = EmulatorSettings.DEFAULT_SEED;
        private Duration tokenTtl = EmulatorSettings.DEFAULT_TOKEN_TTL;
        private int rateLimitPerMinute = EmulatorSettings.DEFAULT_RATE_LIMIT_PER_MINUTE;
        private ClientCredentials credentials = ClientCredentials.defaults();
        private final Set<String> deniedPermissions = new HashSet<>();
        private FaultSettings faults = FaultSettings.NONE;
        private boolean ingestionDelay = true;
        private boolean reprocessing;
        private ServiceLevelOptions serviceLevelOptions = ServiceLevelOptions.DEFAULT;
        private ContactSource contactSource;
        private boolean emptyResultsAsEmptyObject = true;
        private int maxPredicates = EmulatorSettings.DEFAULT_MAX_PREDICATES;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder queues(int queues) {
            this.queues = queues;
            return this;
        }

        public Builder deletedQueues(int deletedQueues) {
            this.deletedQueues = deletedQueues;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
            return this;
        }

        public Builder rateLimitPerMinute(int rateLimitPerMinute) {
            this.rateLimitPerMinute = rateLimitPerMinute;
            return this;
        }

        public Builder clientCredentials(String clientId, String clientSecret) {
            this.credentials = new ClientCredentials(clientId, clientSecret);
            return this;
        }

        /** The OAuth client lacks this permission: its endpoints answer 403 {@code missing.any.permissions}. */
        public Builder denyPermission(String permission) {
            this.deniedPermissions.add(permission);
            return this;
        }

        public Builder faults(FaultSettings faults) {
            this.faults = faults;
            return this;
        }

        /**
         * true (the default): each event shows 0–120 s after it happened, so the open and the
         * just-closed intervals are partial; false: an event shows as soon as it happened.
         */
        public Builder ingestionDelay(boolean ingestionDelay) {
            this.ingestionDelay = ingestionDelay;
            return this;
        }

        /** true: a few intervals get corrected ACW/handle values 48 h after their events (default false). */
        public Builder reprocessing(boolean reprocessing) {
            this.reprocessing = reprocessing;
            return this;
        }

        /** Whether flow-outs and short abandons count in {@code oServiceLevel} (default {@link ServiceLevelOptions#DEFAULT}). */
        public Builder serviceLevelOptions(ServiceLevelOptions serviceLevelOptions) {
            this.serviceLevelOptions = serviceLevelOptions;
            return this;
        }

        /** true: flow-outs count in the {@code oServiceLevel} denominator (default false). */
        public Builder flowOutsCountInServiceLevel(boolean count) {
            this.serviceLevelOptions = new ServiceLevelOptions(count, serviceLevelOptions.shortAbandonsExcluded());
            return this;
        }

        /** true (the default): short abandons leave the {@code oServiceLevel} denominator. */
        public Builder shortAbandonsExcludedFromServiceLevel(boolean excluded) {
            this.serviceLevelOptions = new ServiceLevelOptions(serviceLevelOptions.flowOutsCount(), excluded);
            return this;
        }

        /**
         * The conversations behind the aggregates and the observations, for tests that need specific ones; default:
         * generated from the seed.
         */
        public Builder contactSource(ContactSource contactSource) {
            this.contactSource = contactSource;
            return this;
        }

        /** true (the default): nothing matched answers {@code {}} as Genesys does; false: {@code {"results":[]}}. */
        public Builder emptyResultsAsEmptyObject(boolean emptyResultsAsEmptyObject) {
            this.emptyResultsAsEmptyObject = emptyResultsAsEmptyObject;
            return this;
        }

        public Builder maxPredicates(int maxPredicates) {
            this.maxPredicates = maxPredicates;
            return this;
        }

        /** Drives token expiry, the rate-limit window, and "now" for intervals and ingestion. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public GenesysEmulator build() {
            return new GenesysEmulator(new EmulatorSettings(host, port, queues, deletedQueues, seed, tokenTtl,
                    rateLimitPerMinute, credentials, deniedPermissions, faults,
                    new IngestionModel(ingestionDelay, reprocessing), serviceLevelOptions, emptyResultsAsEmptyObject,
                    maxPredicates, contactSource, clock));
        }
    }
}
