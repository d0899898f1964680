package org.queueanalytics.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Renders the results of {@code scripts/bench-producer.sh} as Markdown. */
public final class ProducerReport {
    /** The default client-side budget, {@code analytics.max_requests_per_minute}. */
    private static final double DEFAULT_BUDGET_PER_MINUTE = 250;

    private final Results r;

    public ProducerReport(Results results) {
        this.r = results;
    }

    public String render(String label) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(label).append(": Genesys requests, records/s and freshness\n\n");
        md.append("Run ").append(r.text("run.date")).append(" with `").append(r.text("run.command")).append("` on ")
                .append(Machine.describe(r)).append(". Load average (1/5/15 min) at the start ").append(r.text("run.load_start"))
                .append(", at the end ").append(r.text("run.load_end")).append(".\n\n");
        md.append("Requests per live cycle at the default settings (PT30M, lookback 6 h, deep re-poll of 4 days once a day), "
                + "counted by the emulator; records published to the real Kafka broker (acks=all). The client-side budget is raised "
                + "to 100,000 requests/min for this table so that nothing waits: records/s is what the producer does with the "
                + "answers. The last column is how long the same requests take within the default budget of 250 requests/min "
                + "(Genesys allows 300 per token).\n\n");
        md.append("| queues | cycle | windows | token | routing | aggregates | requests | records | time (s) | records/s | at 250 req/min |\n");
        md.append("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        Set<Integer> queues = new TreeSet<>();
        for (String key : keys()) {
            if (key.startsWith("producer.") && key.endsWith(".first.records")) {
                queues.add(Integer.parseInt(key.split("\\.")[1]));
            }
        }
        for (int q : queues) {
            for (String cycle : new String[] {"first", "normal"}) {
                String p = "producer." + q + "." + cycle + ".";
                double requests = r.number(p + "token", 0) + r.number(p + "routing", 0) + r.number(p + "aggregates", 0);
                double seconds = r.number(p + "seconds", 1);
                md.append(String.format(Locale.ROOT, "| %,d | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %,.0f | %.1f | %,.0f | %s |%n", q,
                        cycle.equals("first") ? "first (with deep re-poll)" : "normal", r.number(p + "windows", 0),
                        r.number(p + "token", 0), r.number(p + "routing", 0), r.number(p + "aggregates", 0), requests,
                        r.number(p + "records", 0), seconds, r.number(p + "records", 0) / seconds,
                        minutes(requests / DEFAULT_BUDGET_PER_MINUTE)));
            }
        }
        md.append('\n');
        if (r.has("freshness.queues")) {
            md.append(String.format(Locale.ROOT, "Freshness, emulator answer → row visible in ClickHouse, %,d queues, default settings "
                    + "(budget 250 requests/min; consumer batch 50,000 rows / 16 MiB / linger 1 s; default partitioning). "
                    + "With the consumer running live, the producer runs its first live cycle, then %s more live cycles 3 s apart; a "
                    + "poller counts rows per fetched_at every 100 ms (so figures are ± 100 ms). A row's answer time is the "
                    + "emulator's servedAt of its bucket; it is visible at the first poll whose count for its window includes it "
                    + "(rows of a window are assigned to the count increments in the order they were served). The poll interval "
                    + "(300 s by default) comes on top for data that changes in Genesys: it is not part of this latency.%n%n",
                    (long) r.number("freshness.queues", 0), r.text("freshness.cycles")));
            md.append("| cycles | rows | p50 | p99 | max |\n|---|--:|--:|--:|--:|\n");
            row(md, "first live cycle (deep re-poll of 4 days)", "freshness.first.");
            row(md, "later live cycles (lookback 6 h)", "freshness.live.");
            md.append('\n');
        }
        if (r.has("request_report.file")) {
            Path file = Path.of(r.text("request_report.file"));
            if (Files.exists(file)) {
                md.append("From `producer/src/test/java/org/queueanalytics/producer/bench/RequestCountReport.java` (issue 3; "
                        + "the same production service, records counted instead of published, so no Kafka):\n\n```\n")
                        .append(Files.readString(file, StandardCharsets.UTF_8).strip()).append("\n```\n");
            }
        }
        return md.toString();
    }

    private void row(StringBuilder md, String what, String p) {
        md.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s |%n", what, r.number(p + "rows", 0),
                seconds(r.number(p + "p50_ms", Double.NaN)), seconds(r.number(p + "p99_ms", Double.NaN)),
                seconds(r.number(p + "max_ms", Double.NaN))));
    }

    private static String seconds(double millis) {
        return Double.isNaN(millis) ? "—" : String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    private static String minutes(double minutes) {
        return minutes < 1 ? String.format(Locale.ROOT, "%.0f s", minutes * 60) : String.format(Locale.ROOT, "%.1f min", minutes);
    }

    private Set<String> keys() {
        return r.keys();
    }
}
