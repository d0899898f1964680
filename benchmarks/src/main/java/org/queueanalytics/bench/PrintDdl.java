package org.queueanalytics.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import org.queueanalytics.consumer.clickhouse.schema.QueueObservationsTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the consumer's own {@code CREATE DATABASE} and {@code CREATE TABLE} statements (one per
 * line) for a table name and partition key, so that every path of a benchmark writes into a
 * table defined exactly as the consumer defines it. {@code --kind observations}: the live-state
 * table's ({@link QueueObservationsTable}, whose partition key is its own; {@code --partition-by}
 * does not apply).
 */
@Command(name = "PrintDdl", mixinStandardHelpOptions = true, description = "Prints the consumer's DDL for a table.")
public final class PrintDdl implements Callable<Integer> {
    @Option(names = "--database", defaultValue = "bench")
    String database;
    @Option(names = "--table", required = true)
    String table;
    @Option(names = "--partition-by", defaultValue = ClickHouseSettings.DEFAULT_PARTITION_BY)
    String partitionBy;
    @Option(names = "--kind", defaultValue = "intervals", description = "intervals or observations: which table")
    LoadTopic.Kind kind;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrintDdl()).execute(args));
    }

    @Override
    public Integer call() {
        ClickHouseSettings settings = new ClickHouseSettings(List.of(URI.create(ClickHouseSettings.DEFAULT_URL)), "default",
                Secret.of(""), database, table, Compression.LZ4, partitionBy);
        System.out.println(QueueAnalyticsTable.createDatabaseSql(settings).replaceAll("\\s+", " ").strip());
        String ddl = kind == LoadTopic.Kind.observations
                ? QueueObservationsTable.createTableSql(QueueObservationsTable.settings(settings, new ObservationSettings(true,
                        ObservationSettings.DEFAULT_INTERVAL, ObservationSettings.DEFAULT_METRICS,
                        ObservationSettings.DEFAULT_MAX_REQUESTS_PER_MINUTE, ObservationSettings.DEFAULT_TOPIC, table)))
                : QueueAnalyticsTable.createTableSql(settings);
        System.out.println(ddl.replaceAll("\\s+", " ").strip());
        return 0;
    }
}
