package org.queueanalytics.consumer.audit;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.queueanalytics.common.cli.ConfigFileOption;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.validation.RecordValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar consumer.jar audit --config FILE [--from ISO] [--to ISO] [--json]}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Proves that every record of the topic reached ClickHouse, and says what did not: for the records "
                + "with Kafka timestamps in [--from, --to) it compares the newest record per (queue_id, media_type, "
                + "interval_start, granularity) with the table's newest row (FINAL, queue by queue) and counts them as "
                + "matched, missing, stale, differs or dead_lettered.",
                "Joins no consumer group and writes nothing. Exit 0 when nothing is missing, stale or differing, "
                        + "1 otherwise (or on a runtime failure), 2 on bad usage or configuration."})
public final class AuditCommand implements Callable<Integer> {
    @Mixin
    private ConfigFileOption config;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", paramLabel = "ISO", description = "first Kafka record timestamp to audit, e.g. 2025-01-27T00:00:00Z (default: the beginning of the retained topic)")
    private Instant from;

    @Option(names = "--to", paramLabel = "ISO", description = "Kafka record timestamps before this instant (default: up to the end offsets read at start)")
    private Instant to;

    @Option(names = "--json", description = "print one JSON object: the counts and up to 100 example keys per class")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        checkRange(spec, from, to);
        PipelineConfig cfg = config.load().current();
        ClickHouseClient client = new ClickHouseClient(cfg.clickhouse());
        String table = cfg.clickhouse().writeTable(); // the Distributed table in cluster mode: every shard
        RecordValidator validator = new RecordValidator(java.time.Clock.systemUTC()); // as the consumer judges records now
        AuditReport report;
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(ConsumerService.sourceReaderProperties(cfg.kafka()))) {
            report = new Audit(kafka, new TableVersions(client, table), r -> validator.validate(r).map(Object::toString),
                    cfg.kafka().topic(), cfg.kafka().dlqTopic(), table).run(from, to);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() + "\n" : report.toText());
        out.flush();
        return report.exitCode();
    }

    static void checkRange(CommandSpec spec, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--from (" + from + ") must be before --to (" + to + ")");
        }
    }
}
