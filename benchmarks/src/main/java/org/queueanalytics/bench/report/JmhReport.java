package org.queueanalytics.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.queueanalytics.bench.jmh.BenchData;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.consumer.clickhouse.compression.NativeLz4Framer;

/**
 * Renders a JMH JSON result file ({@code -rf json}) of the hot-path benchmarks as a table of
 * rows/s and MB/s per core. Byte rates are computed from the benchmark inputs themselves
 * (average JSON value, SQL and compressed bytes per row of {@link BenchData}).
 */
public final class JmhReport {
    private static final double MB = 1_000_000;

    /** Which input a benchmark's MB/s is counted in. */
    private enum PerRow { JSON, SQL }

    private record Described(String what, PerRow perRow) {
    }

    /** Every benchmark's one-line description (the operation is one row); CityHash128 is scaled by its own input. */
    private static final Map<String, Described> DESCRIBED = Map.of(
            "RecordJsonBenchmark.fromBytes", new Described("JSON → record (RecordJson.fromBytes)", PerRow.JSON),
            "RecordJsonBenchmark.decodeAndValidate", new Described(
                    "JSON → validated row (RecordDecoder + RecordValidator: the poll thread's work per record)", PerRow.JSON),
            "ValuesEncoderBenchmark.values", new Described("rows → INSERT … VALUES text (ValuesEncoder); MB/s of SQL out", PerRow.SQL),
            "ValuesEncoderBenchmark.valuesThenLz4", new Described("**encoder + compression**: VALUES + native LZ4 blocks + "
                    + "CityHash128 (Inserter's CPU per INSERT); MB/s of SQL", PerRow.SQL),
            "CompressionBenchmark.framer", new Described(
                    "native LZ4 block framing of the SQL (NativeLz4Framer: LZ4 + headers + CityHash128); MB/s of SQL in", PerRow.SQL),
            "CompressionBenchmark.lz4Only", new Described(
                    "raw LZ4 block compression alone (lz4-java, the library's share); MB/s of SQL in", PerRow.SQL));
    private final JsonNode results;
    private final Results machine;

    public JmhReport(Path jmhJson, Results machine) throws IOException {
        this.results = new ObjectMapper().readTree(jmhJson.toFile());
        this.machine = machine;
    }

    public String render(String label) {
        List<QueueIntervalRecord> records = BenchData.records();
        double jsonPerRow = Arrays.stream(BenchData.json(records)).mapToLong(b -> b.length).average().orElse(0);
        byte[] sql = BenchData.sql(records);
        double sqlPerRow = (double) sql.length / records.size();
        double wirePerRow = (double) new NativeLz4Framer().frame(sql, 0, sql.length).length() / records.size();

        StringBuilder md = new StringBuilder();
        md.append("### ").append(label).append(": JMH micro-benchmarks, one thread\n\n");
        md.append("Run ").append(machine.text("run.date")).append(" with `").append(machine.text("run.command")).append("` on ")
                .append(Machine.describe(machine)).append(". Load average (1/5/15 min) before ")
                .append(machine.text("run.load_start")).append(", after ").append(machine.text("run.load_end")).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Input: the first %,d synthetic records (%.0f B of JSON, %.0f B of VALUES SQL and "
                + "%.0f B of native LZ4 blocks per row, compression %.2f).%n%n", records.size(), jsonPerRow, sqlPerRow, wirePerRow,
                sqlPerRow / wirePerRow));
        md.append("| benchmark | what | rows/s per core | ± (99.9 %) | MB/s per core |\n|---|---|--:|--:|--:|\n");
        for (JsonNode run : results) {
            String name = run.get("benchmark").asText();
            String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            double score = run.get("primaryMetric").get("score").asDouble();
            double error = run.get("primaryMetric").get("scoreError").asDouble();
            String what;
            double rows = score;
            double mb;
            if (simple.equals("CompressionBenchmark.cityHash128")) {
                int bytes = run.path("params").path("hashBytes").asInt(262_144);
                what = String.format(Locale.ROOT, "CityHash128 v1.0.2 of %,d B; rows/s = compressed rows' worth of checksum", bytes);
                mb = score * bytes / MB;
                rows = score * bytes / wirePerRow;
                error = error * bytes / wirePerRow;
            } else {
                Described d = DESCRIBED.get(simple);
                what = d == null ? "" : d.what();
                mb = d == null ? Double.NaN : score * (d.perRow() == PerRow.JSON ? jsonPerRow : sqlPerRow) / MB;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s |%n", simple, what, rows, error,
                    Double.isNaN(mb) ? "—" : String.format(Locale.ROOT, "%,.0f", mb)));
        }
        return md.toString();
    }
}
