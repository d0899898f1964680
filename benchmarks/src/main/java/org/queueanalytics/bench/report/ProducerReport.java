package org.queueanalytics.bench.report;

/** Renders the results of {@code scripts/bench-producer.sh} (filled in with that script). */
public final class ProducerReport {
    private final Results r;

    public ProducerReport(Results results) {
        this.r = results;
    }

    public String render(String label) {
        return "### " + label + "\n\n" + Machine.describe(r) + "\n";
    }
}
