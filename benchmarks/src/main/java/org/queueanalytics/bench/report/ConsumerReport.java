package org.queueanalytics.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the results of {@code scripts/bench-consumer.sh} as Markdown: one table per table
 * definition (partition key), with every path's throughput, bytes on the wire, compression,
 * CPU per million rows (client side and the whole ClickHouse process), memory, and the
 * consumer's ratio to each baseline; then the goals. For {@code --kind observations} (results key
 * {@code run.kind}) one table, the live-state table's, with the consumer alone, the count through
 * {@code FINAL}, and the headroom over what 1,000 queues at a snapshot every 15 s need.
 */
public final class ConsumerReport {
    private static final String[] PARTITIONINGS = {"default", "month", "observations"};
    private static final double MB = 1_000_000;

    private final Results r;

    public ConsumerReport(Results results) {
        this.r = results;
    }

    /** One path's figures, whatever produced them. */
    private record Path(String name, String what, double rows, double seconds, double wireBytes, double compression,
                        String compressionNote, double clientCpu, double serverCpu, String memory, double inserts,
                        double parts, String load, String checksum) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    public String render(String label) {
        StringBuilder md = new StringBuilder();
        long records = (long) r.number("run.records", 0);
        boolean observations = r.text("run.kind").equals("observations");
        md.append("### ").append(label).append(": ").append(String.format(Locale.ROOT, "%,d", records))
                .append(observations ? " live-state observation records" : " records").append(", consumer heap -Xmx")
                .append(r.text("run.xmx")).append("\n\n");
        md.append("Run ").append(r.text("run.date")).append(" with `").append(r.text("run.command")).append("` on ")
                .append(Machine.describe(r)).append(". Load average (1/5/15 min) at the start ")
                .append(r.text("run.load_start")).append(", at the end ").append(r.text("run.load_end")).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Input: %,d records (%.0f MB of JSON values) loaded into a %s-partition topic in %.0f s",
                records, r.number("input.load_value_bytes", 0) / MB, "12", r.number("input.load_seconds", 0)));
        if (observations) {
            md.append(String.format(Locale.ROOT, ": %,.0f queues (the interval benchmark's names: many scripts, quotes, emoji; "
                            + "1–5 media types), a snapshot every %.0f s of a weekday morning, %,.0f rows per snapshot (%.1f per queue: "
                            + "the 5 default conversation metrics per media type — zeros included, calculated_value on oLongest* — "
                            + "and oOnQueueUsers IDLE/INTERACTING, oActiveUsers, oMemberUsers), so %.1f snapshots",
                    r.number("input.load_queues", 0), r.number("input.load_snapshot_seconds", 15),
                    r.number("input.load_rows_per_snapshot", 0),
                    r.number("input.load_rows_per_snapshot", 0) / r.number("input.load_queues", 1),
                    records / r.number("input.load_rows_per_snapshot", records)));
        }
        if (r.has("input.values_bytes")) {
            md.append(String.format(Locale.ROOT, "; the same rows as %d VALUES files of at most 1,048,576 rows (%.0f MB of SQL)",
                    (long) r.number("input.values_files", 0), r.number("input.values_bytes", 0) / MB));
        }
        md.append(".\n\n");
        List<String> goals = new ArrayList<>();
        for (String p : PARTITIONINGS) {
            if (!r.has(p + ".consumer.rows")) {
                continue;
            }
            List<Path> paths = paths(p);
            Path consumer = paths.get(0);
            md.append("#### ").append(switch (p) {
                case "default" -> "PARTITION BY (toYYYYMMDD(event_time), queue_id) — the default";
                case "month" -> "PARTITION BY toYYYYMM(event_time)";
                default -> "The live-state table: ReplacingMergeTree, PARTITION BY toYYYYMMDD(observed_at)";
            }).append("\n\n");
            md.append("| path | rows | time (s) | rows/s | MB/s on the wire | compression | client CPU s / 1M rows | ClickHouse CPU s / 1M rows | peak memory | INSERTs | parts after | consumer ÷ path | load before → after |\n");
            md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
            for (Path path : paths) {
                md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        path.name(), path.rows(), path.seconds(), path.rowsPerSecond(),
                        orDash("%.1f", path.wireBytes() / MB / path.seconds()),
                        Double.isNaN(path.compression()) ? "—" : String.format(Locale.ROOT, "%.2f%s", path.compression(), path.compressionNote()),
                        orDash("%.2f", path.clientCpu() / path.rows() * 1e6),
                        orDash("%.2f", path.serverCpu() / path.rows() * 1e6),
                        path.memory(), orDash("%,.0f", path.inserts()),
                        Double.isNaN(path.parts()) ? "—" : String.format(Locale.ROOT, "%,.0f", path.parts()),
                        path == consumer ? "—" : String.format(Locale.ROOT, "%.2f", consumer.rowsPerSecond() / path.rowsPerSecond()),
                        path.load()));
            }
            md.append('\n');
            for (Path path : paths) {
                md.append("- ").append(path.name()).append(": ").append(path.what()).append('\n');
            }
            String check = checksums(paths);
            if (!check.isEmpty()) {
                md.append("- ").append(check).append('\n');
            }
            md.append('\n');
            for (Path path : paths) {
                if (path.name().startsWith("(a)") && p.equals("default")) {
                    goals.add(goal(p, "consumer ÷ (a) curl", consumer.rowsPerSecond() / path.rowsPerSecond(), 0.8));
                } else if (path.name().startsWith("(a)")) {
                    goals.add(String.format(Locale.ROOT, "consumer ÷ (a) curl (%s partitioning): %.2f — the ceiling (SQL rendered in "
                            + "advance, no Kafka, no JSON), not a goal", p, consumer.rowsPerSecond() / path.rowsPerSecond()));
                } else if (path.name().startsWith("(c)")) {
                    goals.add(goal(p, "consumer ÷ (c) naive", consumer.rowsPerSecond() / path.rowsPerSecond(), 10));
                } else if (path.name().startsWith("(d)")) {
                    goals.add(goal(p, "consumer ÷ (d) kafka engine", consumer.rowsPerSecond() / path.rowsPerSecond(), 1.5));
                    goals.add(cpuPerRow(p, consumer, path));
                }
            }
        }
        if (observations) {
            goals.addAll(liveState(records));
        }
        String p = java.util.Arrays.stream(PARTITIONINGS).filter(k -> r.has(k + ".consumer.rows")).findFirst().orElse(null);
        if (p != null) {
            goals.add(String.format(Locale.ROOT, "memory: consumer with -Xmx%s caught up with %,d records of lag; peak heap in use %.0f MB, "
                    + "largest heap right after a collection %.0f MB (%s; GC %s collections, %.1f s of pauses)",
                    r.text("run.xmx"), records, r.number(p + ".consumer.peak_heap_bytes", 0) / MB,
                    r.number(p + ".consumer.peak_live_heap_bytes", 0) / MB,
                    r.number(p + ".consumer.rows", 0) == records ? "all rows stored" : "NOT all rows stored",
                    r.text(p + ".consumer.gc_count"), r.number(p + ".consumer.gc_ms", 0) / 1000));
        }
        md.append("Goals:\n\n");
        for (String g : goals) {
            md.append("- ").append(g).append('\n');
        }
        return md.toString();
    }

    /**
     * The observations' own checks: every record a row through {@code FINAL}; and what the live
     * state of 1,000 queues at this snapshot size needs of the measured rate.
     */
    private List<String> liveState(long records) {
        String c = "observations.consumer.";
        double finalCount = r.number(c + "final_count", Double.NaN);
        double rowsPerSecond = r.number(c + "rows", 0) / r.number(c + "seconds", 1);
        double perQueue = r.number("input.load_rows_per_snapshot", 0) / r.number("input.load_queues", 1);
        double snapshotSeconds = r.number("input.load_snapshot_seconds", 15);
        double burst = 1000 * perQueue;
        double needed = burst / snapshotSeconds;
        return List.of(
                String.format(Locale.ROOT, "SELECT count() … FINAL = %,.0f for %,d records loaded: %s", finalCount, records,
                        finalCount == records ? "every record one row" : "ROWS MISSING OR DUPLICATED"),
                String.format(Locale.ROOT, "headroom: 1,000 queues at a snapshot every %.0f s are ~%,.0f rows per snapshot, ~%,.0f rows/s "
                                + "on average; the consumer stored %,.0f rows/s, %.0f × that (%.1f %% of its rate), a snapshot's burst "
                                + "in ~%.2f s", snapshotSeconds, burst, needed, rowsPerSecond, rowsPerSecond / needed,
                        100 * needed / rowsPerSecond, burst / rowsPerSecond));
    }

    /** CPU per row of the consumer path (consumer JVM + ClickHouse) and of the engine (ClickHouse alone). */
    private static String cpuPerRow(String partitioning, Path consumer, Path engine) {
        double consumerUs = consumer.clientCpu() / consumer.rows() * 1e6;
        double consumerServerUs = consumer.serverCpu() / consumer.rows() * 1e6;
        double engineUs = engine.serverCpu() / engine.rows() * 1e6;
        return String.format(Locale.ROOT, "CPU per row (%s partitioning): consumer %s µs (consumer JVM %.1f + ClickHouse %s), "
                        + "(d) kafka engine %s µs (all in ClickHouse: its Kafka client, JSON parsing, view, parts); the broker's CPU not "
                        + "counted in either%s",
                partitioning, orDash("%.1f", consumerUs + consumerServerUs), consumerUs, orDash("%.1f", consumerServerUs),
                orDash("%.1f", engineUs), Double.isNaN(engineUs) ? " (ClickHouse CPU is measured only on a server the script starts)" : "");
    }

    private static String orDash(String format, double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static String goal(String partitioning, String what, double value, double target) {
        return String.format(Locale.ROOT, "%s (%s partitioning): %.2f — goal ≥ %s: %s", what, partitioning, value,
                target == (long) target ? Long.toString((long) target) : Double.toString(target), value >= target ? "met" : "NOT met");
    }

    private List<Path> paths(String p) {
        List<Path> out = new ArrayList<>();
        String c = p + ".consumer.";
        String how = p.equals("observations")
                ? "the real ConsumerService in its own JVM with observations.enabled (live: replay does not run the observations "
                        + "pipeline; its interval pipeline idles on an empty topic), the observations pipeline with the default batch settings "
                        + "(50,000 rows / 16 MiB / 1 s; VALUES + native LZ4 over HTTP); time from start() until its consumer group "
                        + "had committed the end of every partition (checked with an admin client every 50 ms once all rows were inserted); "
                : "the real ConsumerService in its own JVM (replay until caught up, default batch settings: "
                        + "50,000 rows / 16 MiB / 1 s; VALUES + native LZ4 over HTTP, ≤ 100 partitions per INSERT); time from start() to caught up; ";
        out.add(new Path("consumer", how
                + "bytes on the wire and compression from ClickHouse's query_log (ReadCompressedBytes); peak heap sampled every 50 ms, "
                + "and the largest heap right after a collection (an upper bound of the live data: G1's young collections leave old garbage in place)",
                r.number(c + "rows", 0), r.number(c + "seconds", 1), r.number(c + "server_compressed_bytes", 0),
                ratio(r.number(c + "server_decompressed_bytes", 0), r.number(c + "server_compressed_bytes", 0)), "",
                r.number(c + "cpu_seconds", 0), r.number(c + "server_process_cpu_seconds", Double.NaN),
                String.format(Locale.ROOT, "heap %.0f MB (after GC %.0f MB)", r.number(c + "peak_heap_bytes", 0) / MB,
                        r.number(c + "peak_live_heap_bytes", 0) / MB),
                r.number(c + "server_inserts", 0), r.number(c + "parts", Double.NaN), load(c), r.text(c + "checksum")));
        String a = p + ".curl.";
        if (r.has(a + "rows")) {
            out.add(new Path("(a) curl", "pre-built `INSERT … VALUES` bodies of 1,048,576 rows (max_insert_block_size: the largest block the server "
                    + "forms from one body, so each body is one block and one set of parts) posted one after the other with curl, uncompressed",
                    r.number(a + "rows", 0), r.number(a + "wall_seconds", 1), r.number(a + "wire_bytes", 0), 1.0, "",
                    r.number(a + "client_cpu_seconds", 0), r.number(a + "server_process_cpu_seconds", Double.NaN),
                    String.format(Locale.ROOT, "RSS %.0f MB", r.number(a + "peak_rss_kb", 0) / 1000), r.number(a + "server_inserts", 0),
                    r.number(a + "parts", Double.NaN), load(a), r.text(a + "checksum")));
        }
        String b = p + ".client.";
        if (r.has(b + "rows")) {
            out.add(new Path("(b) clickhouse-client", "the same files through clickhouse-client `INSERT … FORMAT Values` (it parses the "
                    + "text itself and sends LZ4-compressed native blocks over the native protocol); compression = native block bytes ÷ wire bytes",
                    r.number(b + "rows", 0), r.number(b + "wall_seconds", 1), r.number(b + "server_compressed_bytes", 0),
                    ratio(r.number(b + "server_decompressed_bytes", 0), r.number(b + "server_compressed_bytes", 0)), " (native)",
                    r.number(b + "client_cpu_seconds", 0), r.number(b + "server_process_cpu_seconds", Double.NaN),
                    String.format(Locale.ROOT, "RSS %.0f MB", r.number(b + "peak_rss_kb", 0) / 1000), r.number(b + "server_inserts", 0),
                    r.number(b + "parts", Double.NaN), load(b), r.text(b + "checksum")));
        }
        String n = p + ".naive.";
        if (r.has(n + "rows")) {
            out.add(new Path("(c) naive", String.format(Locale.ROOT, "one uncompressed INSERT per Kafka poll (default max.poll.records 500), "
                            + "commitSync after each; stopped after %s s or all rows, so its rate is over the rows it managed",
                            r.text("run.naive_seconds")),
                    r.number(n + "rows", 0), r.number(n + "seconds", 1), r.number(n + "body_bytes", 0), 1.0, "",
                    r.number(n + "cpu_seconds", 0), r.number(n + "server_process_cpu_seconds", Double.NaN),
                    String.format(Locale.ROOT, "heap %.0f MB", r.number(n + "peak_heap_bytes", 0) / MB), r.number(n + "inserts", 0),
                    Double.NaN, load(n), ""));
        }
        String d = p + ".engine.";
        if (r.has(d + "rows")) {
            out.add(new Path("(d) kafka engine", "ClickHouse's own Kafka table engine (kafka_format JSONEachRow, one consumer, the "
                    + "record's fields as columns, instants as String) and a materialized view that writes the project's table: "
                    + "instants parsed, fetched_at in ms, nulls kept; timed from the view's creation until count() reaches the records "
                    + "(polled every 0.1 s; the first rows arrived after " + r.text(d + "first_rows_seconds") + " s); "
                    + "everything runs in the ClickHouse process, so no client CPU and no wire; "
                    + "it commits offsets whether or not the view's insert succeeds (docs/BENCHMARKS.md, \"Method\")",
                    r.number(d + "rows", 0), r.number(d + "wall_seconds", 1), Double.NaN, Double.NaN, "",
                    Double.NaN, r.number(d + "server_process_cpu_seconds", Double.NaN), "in ClickHouse", Double.NaN,
                    r.number(d + "parts", Double.NaN), load(d), r.text(d + "checksum")));
        }
        return out;
    }

    private String load(String prefix) {
        return first(r.text(prefix + "load_before")) + " → " + first(r.text(prefix + "load_after"));
    }

    private static String first(String loadavg) {
        String[] parts = loadavg.split(" ");
        return parts.length == 0 ? "?" : parts[0];
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    private static String checksums(List<Path> paths) {
        List<Path> complete = paths.stream().filter(p -> !p.checksum().isEmpty()).toList();
        if (complete.size() < 2) {
            return "";
        }
        boolean same = complete.stream().allMatch(p -> p.checksum().equals(complete.get(0).checksum()));
        return (same ? "same rows in every table" : "ROWS DIFFER between tables")
                + " (count, sums of metrics and of hashes of the texts: " + complete.get(0).checksum() + ")";
    }
}
