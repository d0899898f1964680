package org.queueanalytics.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.kafka.TopicProvisioner;
import org.queueanalytics.common.record.ObservationJson;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.producer.publish.KafkaRecordPublisher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loads {@code --records} synthetic records into a Kafka topic the way the producer publishes
 * them: key = queue id, value = the record JSON, with the producer's own client settings
 * (idempotent, acks=all, lz4). {@code --kind intervals} (the default) publishes
 * {@link SyntheticRecords}, {@code --kind observations} the live-state records of
 * {@link SyntheticObservations}. Creates the topic with {@code --partitions} when missing. Prints
 * {@code key=value} lines (records, value bytes, seconds; for observations also the queues and
 * the rows per snapshot) on stdout.
 */
@Command(name = "LoadTopic", mixinStandardHelpOptions = true,
        description = "Publishes N synthetic queue interval (or observation) records to a Kafka topic (benchmark input).")
public final class LoadTopic implements Callable<Integer> {
    /** Which records a benchmark loads (and which pipeline of the consumer stores them). */
    public enum Kind { intervals, observations }

    @Option(names = "--kind", defaultValue = "intervals", description = "intervals or observations")
    Kind kind;
    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--topic", required = true)
    String topic;
    @Option(names = "--records", defaultValue = "2000000")
    long records;
    @Option(names = "--partitions", defaultValue = "12")
    int partitions;
    @Option(names = "--queues", description = "default: 200 for intervals, 1000 for observations")
    Integer queues;
    @Option(names = "--seed", defaultValue = "" + SyntheticRecords.DEFAULT_SEED)
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTopic()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        KafkaSettings kafka = new KafkaSettings(bootstrap, topic, topic + ".dlq", "bench", partitions, (short) 1,
                KafkaSettings.DEFAULT_RETENTION);
        TopicProvisioner.ensure(kafka, List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.retention().toMillis())))));
        Map<String, Object> config = KafkaRecordPublisher.producerConfig(kafka, "bench-load-topic");
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            BiConsumer<String, byte[]> send = (key, value) -> {
                bytes.addAndGet(value.length);
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            };
            if (kind == Kind.observations) {
                int queueCount = queues == null ? SyntheticObservations.DEFAULT_QUEUES : queues;
                SyntheticObservations observations = new SyntheticObservations(seed, queueCount, SyntheticObservations.DEFAULT_START);
                observations.forEach(records, r -> send.accept(r.queueId(), ObservationJson.toBytes(r)));
                System.out.printf("load_queues=%d%nload_rows_per_snapshot=%d%nload_snapshot_seconds=%d%n", queueCount,
                        observations.rowsPerSnapshot(), SyntheticObservations.SNAPSHOT_INTERVAL.toSeconds());
            } else {
                new SyntheticRecords(seed, queues == null ? SyntheticRecords.DEFAULT_QUEUES : queues, SyntheticRecords.DEFAULT_START)
                        .forEach(records, r -> send.accept(r.key(), RecordJson.toBytes(r)));
            }
            producer.flush();
            producer.close(Duration.ofSeconds(30));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a record: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("load_records=%d%nload_value_bytes=%d%nload_seconds=%.2f%n", records, bytes.get(), seconds);
        return 0;
    }
}
