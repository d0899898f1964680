package org.queueanalytics.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated configuration together with the effective JSON it came from (file plus
 * environment overrides). The JSON lets a reload name exactly the keys that changed.
 */
public record ConfigSnapshot(PipelineConfig config, JsonNode effectiveJson) {

    /** Dotted keys whose values differ between this snapshot and {@code newer}; secrets compared, never shown. */
    public List<String> changedKeys(ConfigSnapshot newer) {
        if (config.equals(newer.config)) {
            return List.of();
        }
        Set<String> changed = new TreeSet<>();
        diff("", effectiveJson, newer.effectiveJson, changed);
        return new ArrayList<>(changed);
    }

    private static void diff(String path, JsonNode a, JsonNode b, Set<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a == null ? b != null && !b.isNull() : !a.equals(b) && !(a.isNull() && b == null)) {
            out.add(path);
        }
    }
}
