package org.queueanalytics.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Compression;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the consumer's own {@code CREATE DATABASE} and {@code CREATE TABLE} statements (one per
 * line) for a table name and partition key, so that every path of a benchmark writes into a
 * table defined exactly as the consumer defines it.
 */
@Command(name = "PrintDdl", mixinStandardHelpOptions = true, description = "Prints the consumer's DDL for a table.")
public final class PrintDdl implements Callable<Integer> {
    @Option(names = "--database", defaultValue = "bench")
    String database;
    @Option(names = "--table", required = true)
    String table;
    @Option(names = "--partition-by", defaultValue = ClickHouseSettings.DEFAULT_PARTITION_BY)
    String partitionBy;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrintDdl()).execute(args));
    }

    @Override
    public Integer call() {
        ClickHouseSettings settings = new ClickHouseSettings(List.of(URI.create(ClickHouseSettings.DEFAULT_URL)), "default",
                Secret.of(""), database, table, Compression.LZ4, partitionBy);
        System.out.println(QueueAnalyticsTable.createDatabaseSql(settings).replaceAll("\\s+", " ").strip());
        System.out.println(QueueAnalyticsTable.createTableSql(settings).replaceAll("\\s+", " ").strip());
        return 0;
    }
}
