package org.queueanalytics.consumer;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.queueanalytics.common.admin.AdminServer;
import org.queueanalytics.common.admin.Liveness;
import org.queueanalytics.common.kafka.KafkaClients;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.queueanalytics.common.lifecycle.ProcessExit;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.config.SecretRules;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.kafka.TopicProvisioner;
import org.queueanalytics.common.reload.ConfigReloader;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.Inserter;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.consumer.clickhouse.schema.SchemaMismatchException;
import org.queueanalytics.consumer.ingest.BatchWriter;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;
import org.queueanalytics.consumer.ingest.IngestLoop;
import org.queueanalytics.consumer.ingest.IngestMetrics;
import org.queueanalytics.consumer.ingest.KafkaSourceRecords;
import org.queueanalytics.consumer.ingest.RecordDecoder;
import org.queueanalytics.consumer.ingest.RowEncoder;
import org.queueanalytics.consumer.ingest.RowSink;
import org.queueanalytics.consumer.validation.RecordValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the consumer: Kafka → decode/validate → batch → ClickHouse (or DLQ) → commit, plus the
 * admin server. The one place the stages are assembled. With {@code observations.enabled} (and not in
 * replay) a second pipeline runs beside the interval records' — {@link ObservationPipeline}: the
 * live-state observations, through the same stages, in its own consumer group, into their own table.
 * Lifecycle: {@link #start()} once, {@link #close()} any number of times.
 */
public final class ConsumerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerService.class);
    /** Headers a dead letter adds (reason, error message up to 2000 chars, origin) fit in this, with margin. */
    static final long DLQ_HEADER_ROOM = 64 * 1024;
    /** Uncompressed; far above any record a consumer fetches with the default fetch sizes. */
    static final int DLQ_MAX_REQUEST_BYTES = 64 * 1024 * 1024;
    /** Longer than the DLQ producer's delivery timeout, so its own error (not ours) is what surfaces. */
    static final Duration DLQ_ACK_TIMEOUT = Duration.ofSeconds(60);

    private final ConfigReloader reloader;
    private final ConsumerMode mode;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final AtomicReference<Inserter> inserter = new AtomicReference<>();
    private final AtomicReference<String> schemaState = new AtomicReference<>("not checked yet");
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FatalErrorHandler fatal;
    private KafkaProducer<byte[], byte[]> dlqProducer;
    private KafkaSourceRecords sourceRecords;
    private KafkaClientMetrics consumerClientMetrics;
    private IngestLoop loop;
    private Thread loopThread;
    /** The live-state pipeline, or null when {@code observations.enabled} is false (or in replay). */
    private ObservationPipeline observations;
    private AdminServer admin;

    /** A service whose fatal failures are only logged (tests, embedding); {@link ConsumerMain} passes {@link ProcessExit}. */
    public ConsumerService(ConfigReloader reloader, ConsumerMode mode) {
        this(reloader, mode, (component, error) -> LOG.error("{} failed; the service stopped working", component, error));
    }

    /** @param fatal told once when the ingest loop or its writer fails unexpectedly (in production: log and exit 1) */
    public ConsumerService(ConfigReloader reloader, ConsumerMode mode, FatalErrorHandler fatal) {
        this.reloader = reloader;
        this.mode = mode;
        this.fatal = fatal;
    }

    /**
     * Checks the table (creating it when missing) — and the observations table when
     * {@code observations.enabled} — provisions the DLQ topic, then starts the poll loop (and the
     * observations' loop) and the admin server. Throws when ClickHouse or Kafka cannot be reached or a
     * table does not fit — a service manager restarts us, and the message says what to fix.
     */
    public ConsumerService start(boolean withAdminServer) throws ClickHouseException, SchemaMismatchException,
            TopicProvisioner.TopicProvisioningException, InterruptedException {
        PipelineConfig config = reloader.current();
        ClickHouseClient client = new ClickHouseClient(config.clickhouse());
        new SchemaManager(client, config.clickhouse()).ensureSchema();
        schemaState.set("ok");
        inserter.set(new Inserter(client, config.clickhouse()));
        if (config.observations().enabled() && !mode.isReplay()) {
            observations = new ObservationPipeline(registry, fatal);
            observations.ensureSchema(config);
        } else if (config.observations().enabled()) {
            LOG.info("replay re-inserts {} only; the live queue observations are not replayed", config.kafka().topic());
        }
        provisionDeadLetterTopic(config.kafka());

        dlqProducer = new KafkaProducer<>(dlqProducerProperties(config.kafka()));
        DeadLetterPublisher dlq = new DeadLetterPublisher(dlqProducer, config.kafka().dlqTopic(), DLQ_ACK_TIMEOUT);
        RowSink<QueueIntervalRecord> sink = rows -> inserter.get().insert(rows);
        sourceRecords = new KafkaSourceRecords(() -> new KafkaConsumer<>(sourceReaderProperties(config.kafka())), Duration.ofSeconds(30));
        BatchWriter<QueueIntervalRecord> writer = new BatchWriter<>(sink, RowEncoder.intervals(), dlq, sourceRecords, config.retry(),
                metrics);
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        RecordDecoder decoder = new RecordDecoder(row -> validator.validate(row).map(Object::toString));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config.kafka(), mode.groupId(config.kafka())));
        // The Kafka client's own metrics (fetch rate, records-lag as of the last fetch, commit latency …) as kafka_consumer_*.
        consumerClientMetrics = new KafkaClientMetrics(consumer);
        consumerClientMetrics.bindTo(registry);
        loop = IngestLoop.builder()
                .consumer(consumer, List.of(config.kafka().topic()))
                .decoder(decoder)
                .writer(writer, config.retry().maxDelay())
                .metrics(metrics)
                .batchSettings(() -> reloader.current().batch())
                .startPosition(mode.startPosition())
                .stopWhenIdle(mode.stopCondition())
                .onFatal(fatal)
                .build();
        reloader.addListener((previous, current, changed) -> onReload(previous, current));
        loopThread = new Thread(loop, "kafka-ingest");
        loopThread.start();
        if (observations != null) {
            observations.start(config, dlq, () -> reloader.current().batch());
        }
        if (withAdminServer) {
            admin = new AdminServer(config.admin(), reloader, registry, this::readiness, this::status, this::liveness).start();
            LOG.info("admin server on http://{}:{}", config.admin().host(), admin.port());
        }
        return this;
    }

    /**
     * ClickHouse settings apply to the next insert (a new client; a new target table is created
     * first when missing), for the observations' table too; Kafka and retry settings, the
     * observations' topic and {@code observations.enabled} need a restart (README "Reload"). Runs on
     * the reloading thread, after the new configuration is in force.
     */
    private void onReload(PipelineConfig previous, PipelineConfig current) {
        if (!previous.clickhouse().equals(current.clickhouse())) {
            ClickHouseSettings settings = current.clickhouse();
            ClickHouseClient client = new ClickHouseClient(settings);
            if (!settings.qualifiedTable().equals(previous.clickhouse().qualifiedTable())) {
                ensureSchemaAfterReload(client, settings);
            }
            inserter.set(new Inserter(client, settings));
            LOG.info("ClickHouse client rebuilt for {}", settings.urls().stream().map(SecretRules::redact).toList());
        }
        if (!previous.kafka().equals(current.kafka()) || !previous.retry().equals(current.retry())) {
            LOG.warn("kafka.* and retry.* changes take effect after a restart");
        }
        if (previous.observations().enabled() != current.observations().enabled()) {
            LOG.warn("observations.enabled changed: restart the consumer to apply");
        }
        if (observations != null) {
            observations.onReload(previous, current);
        }
    }

    private void ensureSchemaAfterReload(ClickHouseClient client, ClickHouseSettings settings) {
        try {
            new SchemaManager(client, settings).ensureSchema();
            schemaState.set("ok");
        } catch (ClickHouseException | SchemaMismatchException e) {
            // The inserts into the new table fail and are retried (not ready) until the operator fixes it.
            schemaState.set(settings.qualifiedTable() + ": " + e.getMessage());
            LOG.error("the reloaded table {} cannot take the rows: {}", settings.qualifiedTable(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why the consumer is (not) ready — ready only when the observations' pipeline (when it runs) is
     * too; any secret a failure message quoted is masked.
     */
    public Readiness readiness() {
        Readiness r = loop == null ? Readiness.notReady("starting: " + schemaState.get()) : loop.readiness();
        if (r.ready() && observations != null) {
            Readiness o = observations.readiness();
            if (!o.ready()) {
                r = Readiness.notReady("observations: " + o.reason());
            }
        }
        return new Readiness(r.ready(), Secret.redactAll(r.reason(), reloader.current().secrets()));
    }

    /** {@code /healthz}: alive while the ingest loop runs (and while starting), and the observations' loop when it runs. */
    public Liveness liveness() {
        Liveness l = loop == null ? Liveness.alive("starting") : loop.liveness();
        if (l.alive() && observations != null && !observations.liveness().alive()) {
            return Liveness.notRunning("observations: " + observations.liveness().reason());
        }
        return l;
    }

    /** The unexpected failure that ended the ingest loop (or else the observations' loop), if one did (replay exits 1 then). */
    public Optional<Throwable> loopFailure() {
        Optional<Throwable> failed = loop == null ? Optional.empty() : loop.failure();
        return failed.isPresent() || observations == null ? failed : observations.failure();
    }

    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        Readiness r = readiness();
        out.put("service", "consumer");
        out.put("ready", r.ready());
        out.put("state", r.reason());
        PipelineConfig config = reloader.current();
        out.put("schema", Secret.redactAll(schemaState.get(), config.secrets()));
        metrics.putStatus(out);
        out.put("loop", liveness().alive() ? "running" : liveness().reason());
        out.put("lag", metrics.lagByPartition());
        out.put("topic", config.kafka().topic());
        out.put("group_id", mode.groupId(config.kafka()));
        out.put("clickhouse", config.clickhouse().urls().stream().map(SecretRules::redact).toList());
        out.put("table", config.clickhouse().qualifiedTable());
        out.put("observations", observations == null ? Map.of("enabled", false)
                : observations.status(config, text -> Secret.redactAll(text, config.secrets())));
        return out;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** The observations pipeline's meters ({@code consumer_observation_*}); empty when it does not run. */
    public Optional<IngestMetrics> observationMetrics() {
        return observations == null ? Optional.empty() : Optional.of(observations.metrics());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The admin server's port (after {@link #start}), for tests and scripts. */
    public int adminPort() {
        return admin.port();
    }

    /** Whether {@link #close()} was called (the loop ended because it was asked to). */
    public boolean isClosed() {
        return closed.get();
    }

    /** Waits until the poll loop ends by itself (replay until caught up) or {@code timeout} passes. */
    public boolean awaitLoopEnd(Duration timeout) throws InterruptedException {
        loopThread.join(timeout.toMillis());
        return !loopThread.isAlive();
    }

    /**
     * Creates the DLQ topic when missing (an existing one is left as it is), accepting records as
     * large as the data topic does — its {@code max.message.bytes}, read from Kafka — plus room for
     * the headers that say why. Without that, a record that only just fit the data topic could
     * never be dead-lettered.
     */
    private void provisionDeadLetterTopic(KafkaSettings kafka) throws TopicProvisioner.TopicProvisioningException, InterruptedException {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.retention().toMillis()));
        topicMaxMessageBytes(kafka).ifPresent(max ->
                configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(max + DLQ_HEADER_ROOM)));
        NewTopic dlq = TopicProvisioner.topic(kafka, kafka.dlqTopic(), 1, configs);
        TopicProvisioner.ensure(kafka, List.of(dlq));
    }

    /** The data topic's max.message.bytes, or empty (broker default) when it cannot be read now. */
    private static Optional<Long> topicMaxMessageBytes(KafkaSettings kafka) throws InterruptedException {
        Properties props = KafkaClients.baseProperties(kafka);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TopicProvisioner.TIMEOUT.toMillis());
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
        try (Admin admin = Admin.create(props)) {
            Config config = admin.describeConfigs(List.of(topic)).all()
                    .get(TopicProvisioner.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? Optional.empty() : Optional.of(Long.parseLong(entry.value()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException | NumberFormatException e) {
            LOG.info("the DLQ topic takes the broker's default max.message.bytes: the max.message.bytes of {} could not be read ({})",
                    kafka.topic(), e.toString());
            return Optional.empty();
        }
    }

    static Properties consumerProperties(KafkaSettings kafka, String groupId) {
        Properties props = KafkaClients.baseProperties(kafka); // kafka.client_properties; the settings below win
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1024 * 1024));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The producer creates the topic with kafka.partitions; auto-creation would pick the broker default.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** The reader of originals for dead letters: no group, and an error rather than another record when one is gone. */
    public static Properties sourceReaderProperties(KafkaSettings kafka) {
        Properties props = consumerProperties(kafka, "unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }

    static Properties dlqProducerProperties(KafkaSettings kafka) {
        Properties props = KafkaClients.baseProperties(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // The producer's codec: a record that fit the data topic only compressed fits the DLQ the same way.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The producer checks max.request.size against a record's UNcompressed size, the broker checks the
        // compressed batch against the topic's max.message.bytes (which provisionDeadLetterTopic matches to
        // the data topic's). So this is set generously: any record the consumer could fetch passes here.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(DLQ_MAX_REQUEST_BYTES));
        // Every wait bounded: metadata (an unknown DLQ topic) and buffer space, then delivery.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "45000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (observations != null) {
            observations.stop(); // both loops finish their batch in flight at the same time
        }
        if (loop != null) {
            loop.stop();
            try {
                loopThread.join(Duration.ofSeconds(45).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (observations != null) {
            try {
                observations.awaitStop(Duration.ofSeconds(45));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            observations.close();
        }
        if (consumerClientMetrics != null) {
            consumerClientMetrics.close();
        }
        if (dlqProducer != null) {
            dlqProducer.close(Duration.ofSeconds(10));
        }
        if (sourceRecords != null) {
            sourceRecords.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
