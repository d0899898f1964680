package org.queueanalytics.it.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation for the forms docker-compose.yml uses: {@code ${VAR}},
 * {@code ${VAR:-default}} (default when unset or empty), {@code ${VAR-default}} (default when
 * unset) and {@code $$} (a literal {@code $}). Any other form ({@code :?}, {@code :+}, nested
 * defaults, bare {@code $VAR}) fails loudly, so that the file cannot use a form this check ignores.
 */
public final class Interpolation {
    private static final Pattern TOKEN = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-)([^}$]*))?}|\\$");

    private final Map<String, String> shell;

    public Interpolation(Map<String, String> shell) {
        this.shell = Map.copyOf(shell);
    }

    public String apply(String value) {
        Matcher m = TOKEN.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement;
            if (token.equals("$$")) {
                replacement = "$";
            } else if (token.equals("$")) {
                throw new IllegalArgumentException("unsupported interpolation in \"" + value
                        + "\": only ${VAR}, ${VAR:-default}, ${VAR-default} and $$ are implemented");
            } else {
                String set = shell.get(m.group(1));
                String operator = m.group(2);
                if (operator == null) {
                    replacement = set == null ? "" : set;
                } else if (operator.equals(":-")) {
                    replacement = set == null || set.isEmpty() ? m.group(3) : set;
                } else {
                    replacement = set == null ? m.group(3) : set;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The parsed YAML tree with every string value interpolated (keys are left as they are). */
    public Object applyToTree(Object node) {
        if (node instanceof String text) {
            return apply(text);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), applyToTree(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(applyToTree(v)));
            return out;
        }
        return node;
    }
}
