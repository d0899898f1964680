package org.queueanalytics.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The {@code key=value} lines a benchmark script collected (later lines win). */
public final class Results {
    private final Map<String, String> values;

    public Results(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Results read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new Results(values);
    }

    public String text(String key) {
        return values.getOrDefault(key, "");
    }

    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isEmpty();
    }

    public OptionalDouble number(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    public java.util.Set<String> keys() {
        return values.keySet();
    }

    public double number(String key, double orElse) {
        return number(key).orElse(orElse);
    }
}
