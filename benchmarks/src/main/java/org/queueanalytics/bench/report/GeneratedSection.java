package org.queueanalytics.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces one generated section of a Markdown document: the text between
 * {@code <!-- BEGIN generated: LABEL -->} and {@code <!-- END generated: LABEL -->}. A
 * document without that section gets it appended at the end, so a new label simply adds
 * itself. Text outside the markers is never touched.
 */
public final class GeneratedSection {
    private GeneratedSection() {
    }

    public static String begin(String label) {
        return "<!-- BEGIN generated: " + label + " -->";
    }

    public static String end(String label) {
        return "<!-- END generated: " + label + " -->";
    }

    /** {@code document} with the section {@code label} holding {@code body}. */
    public static String replace(String document, String label, String body) {
        String begin = begin(label);
        String end = end(label);
        String section = begin + "\n" + body.strip() + "\n" + end;
        int from = document.indexOf(begin);
        int to = document.indexOf(end);
        if (from >= 0 && to > from) {
            return document.substring(0, from) + section + document.substring(to + end.length());
        }
        String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
        return document + separator + section + "\n";
    }

    public static void write(Path file, String label, String body) throws IOException {
        String document = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, replace(document, label, body), StandardCharsets.UTF_8);
    }
}
