package org.queueanalytics.bench.report;

/** The machine line of a report, from the {@code machine.*} keys the scripts collect. */
final class Machine {
    private Machine() {
    }

    static String describe(Results r) {
        return r.text("machine.nproc") + " × " + r.text("machine.cpu") + " (nproc " + r.text("machine.nproc") + "), "
                + r.text("machine.memory") + " RAM, " + r.text("machine.java")
                + (r.has("machine.clickhouse") ? ", ClickHouse " + r.text("machine.clickhouse") : "")
                + (r.has("machine.kafka") ? ", Kafka " + r.text("machine.kafka") : "");
    }
}
