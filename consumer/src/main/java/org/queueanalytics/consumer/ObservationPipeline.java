package org.queueanalytics.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.queueanalytics.common.admin.Liveness;
import org.queueanalytics.common.admin.Readiness;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.config.SecretRules;
import org.queueanalytics.common.lifecycle.FatalErrorHandler;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.ObservationCodec;
import org.queueanalytics.consumer.clickhouse.RowInserter;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import org.queueanalytics.consumer.clickhouse.schema.SchemaManager;
import org.queueanalytics.consumer.clickhouse.schema.SchemaMismatchException;
import org.queueanalytics.consumer.ingest.BatchWriter;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;
import org.queueanalytics.consumer.ingest.IngestLoop;
import org.queueanalytics.consumer.ingest.IngestMetrics;
import org.queueanalytics.consumer.ingest.KafkaSourceRecords;
import org.queueanalytics.consumer.ingest.ObservationDecoder;
import org.queueanalytics.consumer.ingest.RowEncoder;
import org.queueanalytics.consumer.ingest.RowSink;
import org.queueanalytics.consumer.validation.ObservationValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-state half of the consumer (README "Live queue state"), run beside the interval pipeline
 * when {@code observations.enabled}: {@code observations.topic} → {@link ObservationDecoder} → a second
 * {@link IngestLoop} — the same batching ({@code batch.*}), retry ({@code retry.*}), error policy,
 * dead-letter topic and commit-after-insert — → {@link RowInserter} of the {@link ObservationCodec} →
 * {@code observations.table_name}.
 *
 * <p>It has its own Kafka consumer in its own group, {@code <kafka.group_id>.observations}: the interval
 * group's membership, rebalances, offsets, lag and audit stay exactly as they were, and a slow or failing
 * observations table never holds the interval records back (nor the other way round). Its meters are
 * {@code consumer_observation_*}; its threads {@code kafka-ingest-observations} and
 * {@code clickhouse-writer-observations}. An unexpected failure of its loop goes to the same
 * {@link FatalErrorHandler} as the interval loop's (in production: logged once, exit 1).
 *
 * <p>Lifecycle: {@link #ensureSchema} (at start, before any loop runs), {@link #start}, then
 * {@link #stop} and {@link #awaitStop}; {@link #close} releases what is left.
 */
final class ObservationPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservationPipeline.class);
    /** The observations' consumer group is {@code kafka.group_id} plus this. */
    static final String GROUP_SUFFIX = ".observations";
    /** The start of every meter name of this pipeline. */
    static final String METRIC_PREFIX = "consumer_observation_";
    static final String LOOP_THREAD = "kafka-ingest-observations";
    static final String WRITER_THREAD = "clickhouse-writer-observations";

    private final IngestMetrics metrics;
    private final FatalErrorHandler fatal;
    private final AtomicReference<RowInserter<QueueObservationRecord>> inserter = new AtomicReference<>();
    private final AtomicReference<String> schemaState = new AtomicReference<>("not checked yet");
    private KafkaSourceRecords sourceRecords;
    private IngestLoop loop;
    private Thread loopThread;

    ObservationPipeline(MeterRegistry registry, FatalErrorHandler fatal) {
        this.metrics = new IngestMetrics(registry, METRIC_PREFIX);
        this.fatal = fatal;
    }

    static String groupId(KafkaSettings kafka) {
        return kafka.groupId() + GROUP_SUFFIX;
    }

    /** The table's settings: {@code clickhouse.*} with {@code observations.table_name}. */
    static ClickHouseSettings tableSettings(PipelineConfig config) {
        return QueueObservationsTable.settings(config.clickhouse(), config.observations());
    }

    /** Creates the table when missing (and its Distributed table in cluster mode), or fails naming what differs. */
    void ensureSchema(PipelineConfig config) throws ClickHouseException, SchemaMismatchException, InterruptedException {
        ClickHouseSettings settings = tableSettings(config);
        ClickHouseClient client = new ClickHouseClient(settings);
        new SchemaManager(client, settings, QueueObservationsTable.DEFINITION).ensureSchema();
        schemaState.set("ok");
        inserter.set(new RowInserter<>(client, settings, ObservationCodec.INSTANCE));
    }

    /** Starts the loop on its own thread; {@code batch} is read at every batch start (a reload applies to the next batch). */
    void start(PipelineConfig config, DeadLetterPublisher deadLetters, Supplier<BatchSettings> batch) {
        KafkaSettings kafka = config.kafka();
        RowSink<QueueObservationRecord> sink = rows -> inserter.get().insert(rows);
        sourceRecords = new KafkaSourceRecords(() -> new KafkaConsumer<>(ConsumerService.sourceReaderProperties(kafka)),
                Duration.ofSeconds(30));
        BatchWriter<QueueObservationRecord> writer = new BatchWriter<>(sink, RowEncoder.observations(), deadLetters, sourceRecords,
                config.retry(), metrics);
        ObservationValidator validator = new ObservationValidator(Clock.systemUTC());
        ObservationDecoder decoder = new ObservationDecoder(row -> validator.validate(row).map(Object::toString));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ConsumerService.consumerProperties(kafka, groupId(kafka)));
        loop = IngestLoop.builder()
                .consumer(consumer, List.of(config.observations().topic()))
                .decoder(decoder)
                .writer(writer, config.retry().maxDelay())
                .metrics(metrics)
                .batchSettings(batch)
                .writerThread(WRITER_THREAD)
                .onFatal((component, error) -> fatal.fatal("observations " + component, error))
                .build();
        loopThread = new Thread(loop, LOOP_THREAD);
        loopThread.start();
        LOG.info("consuming live queue observations from {} into {} (consumer group {})", config.observations().topic(),
                tableSettings(config).writeTable(), groupId(kafka));
    }

    /**
     * What a reload does for the interval pipeline, for this table: a change of {@code clickhouse.*} or
     * {@code observations.table_name} applies to the next insert through a new client (a new table is
     * created first when missing); the topic, like {@code kafka.*}, needs a restart.
     */
    void onReload(PipelineConfig previous, PipelineConfig current) {
        ClickHouseSettings before = tableSettings(previous);
        ClickHouseSettings after = tableSettings(current);
        if (!before.equals(after)) {
            ClickHouseClient client = new ClickHouseClient(after);
            if (!after.qualifiedTable().equals(before.qualifiedTable())
                    || !Objects.equals(after.qualifiedDistributedTable(), before.qualifiedDistributedTable())) {
                ensureSchemaAfterReload(client, after);
            }
            inserter.set(new RowInserter<>(client, after, ObservationCodec.INSTANCE));
            LOG.info("ClickHouse client of the observations rebuilt for {} ({})",
                    after.urls().stream().map(SecretRules::redact).toList(), after.writeTable());
        }
        if (!previous.observations().topic().equals(current.observations().topic())) {
            LOG.warn("observations.topic changes take effect after a restart");
        }
    }

    private void ensureSchemaAfterReload(ClickHouseClient client, ClickHouseSettings settings) {
        try {
            new SchemaManager(client, settings, QueueObservationsTable.DEFINITION).ensureSchema();
            schemaState.set("ok");
        } catch (ClickHouseException | SchemaMismatchException e) {
            // The inserts into the new table fail and are retried (not ready) until the operator fixes it.
            schemaState.set(settings.qualifiedTable() + ": " + e.getMessage());
            LOG.error("the reloaded observations table {} cannot take the rows: {}", settings.qualifiedTable(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Readiness readiness() {
        return loop == null ? Readiness.notReady("starting: " + schemaState.get()) : loop.readiness();
    }

    Liveness liveness() {
        return loop == null ? Liveness.alive("starting") : loop.liveness();
    }

    Optional<Throwable> failure() {
        return loop == null ? Optional.empty() : loop.failure();
    }

    IngestMetrics metrics() {
        return metrics;
    }

    /** {@code /status}'s {@code "observations"}: the interval pipeline's keys, for this pipeline; {@code redact} masks secrets. */
    Map<String, Object> status(PipelineConfig config, UnaryOperator<String> redact) {
        Map<String, Object> out = new LinkedHashMap<>();
        Readiness r = readiness();
        out.put("enabled", true);
        out.put("ready", r.ready());
        out.put("state", redact.apply(r.reason()));
        out.put("schema", redact.apply(schemaState.get()));
        metrics.putStatus(out);
        out.put("loop", liveness().alive() ? "running" : liveness().reason());
        out.put("lag", metrics.lagByPartition());
        out.put("topic", config.observations().topic());
        out.put("group_id", groupId(config.kafka()));
        out.put("table", tableSettings(config).qualifiedTable());
        return out;
    }

    /** Asks the loop to finish (it commits what is stored); returns at once. */
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Waits up to {@code timeout} for the loop to end after {@link #stop}. */
    void awaitStop(Duration timeout) throws InterruptedException {
        if (loopThread != null) {
            loopThread.join(timeout.toMillis());
        }
    }

    @Override
    public void close() {
        if (sourceRecords != null) {
            sourceRecords.close();
        }
    }
}
