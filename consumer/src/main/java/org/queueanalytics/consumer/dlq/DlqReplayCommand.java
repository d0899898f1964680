package org.queueanalytics.consumer.dlq;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.queueanalytics.common.cli.ConfigFileOption;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.kafka.KafkaClients;
import org.queueanalytics.consumer.ConsumerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar consumer.jar dlq-replay --config FILE [--reason R] [--dry-run]}. */
@Command(name = "dlq-replay", mixinStandardHelpOptions = true,
        description = {"Re-publishes dead letters from kafka.dlq_topic to kafka.topic (those of observations.topic back to it) with their original key and value, "
                + "once: progress is committed in the consumer group <group_id>.dlq-replay (or "
                + "<group_id>.dlq-replay.<reason> with --reason) after Kafka acknowledged the re-published records.",
                "Exit 0 when done, 1 on a runtime failure, 2 on bad usage or configuration."})
public final class DlqReplayCommand implements Callable<Integer> {
    @Mixin
    private ConfigFileOption config;

    @Spec
    private CommandSpec spec;

    @Option(names = "--reason", paramLabel = "R",
            description = "only letters whose dlq.reason header is R (invalid-json, invalid-record, clickhouse-rejected, …)")
    private String reason;

    @Option(names = "--dry-run", description = "list what would be re-published (counts per reason, a few keys) and publish nothing")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (reason != null && (reason.isBlank() || reason.chars().anyMatch(Character::isWhitespace))) {
            throw new ParameterException(spec.commandLine(), "--reason must be one word, e.g. invalid-record (was '" + reason + "')");
        }
        PipelineConfig cfg = config.load().current();
        KafkaSettings kafka = cfg.kafka();
        ReplaySummary summary;
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(ConsumerService.sourceReaderProperties(kafka));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka));
             Admin admin = Admin.create(adminProperties(kafka))) {
            summary = new DeadLetterReplayer(reader, producer, admin, kafka.dlqTopic(), kafka.topic(),
                    Set.of(cfg.observations().topic()), kafka.groupId()).run(reason, dryRun);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(summary.toText(kafka.dlqTopic(), kafka.topic()));
        out.flush();
        return 0;
    }

    static Properties producerProperties(KafkaSettings kafka) {
        Properties props = KafkaClients.baseProperties(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    static Properties adminProperties(KafkaSettings kafka) {
        return KafkaClients.baseProperties(kafka);
    }
}
