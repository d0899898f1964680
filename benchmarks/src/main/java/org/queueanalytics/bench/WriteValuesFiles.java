package org.queueanalytics.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import org.queueanalytics.consumer.clickhouse.values.ValuesEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the rows of the synthetic stream (the same records {@link LoadTopic} publishes) as
 * {@code VALUES} data files for the baselines: {@code rows-0001.values}, … with at most
 * {@code --rows-per-file} rows each, rendered by the consumer's own {@link ValuesEncoder} — so
 * the baselines send byte for byte the SQL the consumer sends, minus the statement head, which
 * goes in the {@code query} URL parameter (curl) or {@code --query} (clickhouse-client).
 * Also writes {@code columns.txt}, the column list for that head.
 */
@Command(name = "WriteValuesFiles", mixinStandardHelpOptions = true,
        description = "Renders the synthetic records as VALUES files for the curl and clickhouse-client baselines.")
public final class WriteValuesFiles implements Callable<Integer> {
    private static final int CHUNK = 10_000;
    private static final String TABLE = "t";

    @Option(names = "--dir", required = true)
    Path dir;
    @Option(names = "--records", defaultValue = "2000000")
    long records;
    @Option(names = "--rows-per-file", defaultValue = "1048576", description = "default: max_insert_block_size")
    long rowsPerFile;
    @Option(names = "--queues", defaultValue = "" + SyntheticRecords.DEFAULT_QUEUES)
    int queues;
    @Option(names = "--seed", defaultValue = "" + SyntheticRecords.DEFAULT_SEED)
    long seed;

    private final ValuesEncoder encoder = new ValuesEncoder(TABLE);
    private final int prefixLength = ("INSERT INTO " + TABLE + " " + QueueAnalyticsTable.columnList() + " VALUES ")
            .getBytes(StandardCharsets.UTF_8).length;
    private final List<QueueIntervalRecord> chunk = new ArrayList<>(CHUNK);
    private OutputStream out;
    private int files;
    private long rowsInFile;
    private long bytes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WriteValuesFiles()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("columns.txt"), QueueAnalyticsTable.columnList() + "\n");
        long started = System.nanoTime();
        try {
            new SyntheticRecords(seed, queues, SyntheticRecords.DEFAULT_START).forEach(records, record -> {
                chunk.add(record);
                if (chunk.size() == CHUNK || rowsInFile + chunk.size() == rowsPerFile) {
                    flushChunk();
                }
            });
            flushChunk();
        } finally {
            if (out != null) {
                out.close();
            }
        }
        System.out.printf("values_files=%d%nvalues_rows=%d%nvalues_bytes=%d%nvalues_seconds=%.2f%n", files, records, bytes,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private void flushChunk() {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            if (out == null || rowsInFile == rowsPerFile) {
                if (out != null) {
                    out.close();
                }
                files++;
                rowsInFile = 0;
                out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(String.format("rows-%04d.values", files))),
                        1 << 20);
            }
            ByteSink sql = encoder.encode(chunk);
            if (rowsInFile > 0) {
                out.write(',');
                bytes++;
            }
            out.write(sql.array(), prefixLength, sql.length() - prefixLength);
            bytes += sql.length() - prefixLength;
            rowsInFile += chunk.size();
            chunk.clear();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
