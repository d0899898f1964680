package org.queueanalytics.bench.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns what a benchmark script measured into Markdown, prints it, and (with {@code --doc})
 * writes it into its generated section of docs/BENCHMARKS.md.
 * {@code BenchReport consumer|producer --results FILE --label L [--doc FILE]},
 * {@code BenchReport jmh --results JMH.json --machine FILE --label L [--doc FILE]}.
 */
@Command(name = "BenchReport", mixinStandardHelpOptions = true,
        description = "Renders benchmark results as Markdown and updates docs/BENCHMARKS.md.")
public final class BenchReport implements Callable<Integer> {
    @Parameters(index = "0", description = "consumer, jmh or producer")
    String kind;
    @Option(names = "--results", required = true)
    Path results;
    @Option(names = "--machine", description = "key=value file with machine.* and run.* keys (jmh)")
    Path machine;
    @Option(names = "--label", required = true)
    String label;
    @Option(names = "--doc")
    Path doc;

    public static void main(String[] args) {
        System.exit(new CommandLine(new org.queueanalytics.bench.report.BenchReport()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String markdown = switch (kind) {
            case "consumer" -> new ConsumerReport(Results.read(results)).render(label);
            case "jmh" -> new JmhReport(results, Results.read(machine)).render(label);
            case "producer" -> new ProducerReport(Results.read(results)).render(label);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown report kind " + kind);
        };
        System.out.println(markdown);
        if (doc != null) {
            GeneratedSection.write(doc, label, markdown);
            System.err.println("updated section " + label + " of " + doc);
        }
        return 0;
    }
}
