package org.queueanalytics.it.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One (interpolated) service of docker-compose.yml. */
public record ComposeService(String name, Map<String, Object> body, Path root) {
    private static final Pattern BYTES = Pattern.compile("(\\d+)([bkmg]?)b?", Pattern.CASE_INSENSITIVE);

    public Optional<String> image() {
        return Optional.ofNullable((String) body.get("image"));
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> build() {
        return Optional.ofNullable((Map<String, Object>) body.get("build"));
    }

    public List<String> command() {
        Object command = body.get("command");
        if (!(command instanceof List<?> list)) {
            throw new IllegalStateException(name + ": command must be a list (exec form), not " + command);
        }
        return list.stream().map(Object::toString).toList();
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        Object declared = body.get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(k.toString(), v == null ? "" : v.toString()));
        } else if (declared instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = entry.toString().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** healthcheck.test: ["CMD", args…] or ["CMD-SHELL", script] as an argv to run here. */
    public List<String> healthcheckArgv() {
        Object test = ((Map<?, ?>) body.get("healthcheck")).get("test");
        List<String> list = test instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of("CMD-SHELL", test.toString());
        return switch (list.get(0)) {
            case "CMD" -> list.subList(1, list.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", list.subList(1, list.size())));
            default -> throw new IllegalStateException(name + ": healthcheck.test must start with CMD or CMD-SHELL: " + list);
        };
    }

    public String healthcheckText() {
        return String.join(" ", healthcheckArgv());
    }

    /** host path (resolved against the repository root) → container path of the bind mounts. */
    public Map<Path, String> bindMounts() {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Object volume : (List<?>) body.getOrDefault("volumes", List.of())) {
            String[] parts = volume.toString().split(":");
            if (parts[0].startsWith(".")) {
                out.put(root.resolve(parts[0]).normalize(), parts[1]);
            }
        }
        return out;
    }

    public Set<String> profiles() {
        return Set.copyOf(((List<?>) body.getOrDefault("profiles", List.of())).stream().map(Object::toString).toList());
    }

    /** depends_on as service → required (Compose's default: true). */
    public Map<String, Boolean> dependsOn() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Object deps = body.get("depends_on");
        if (deps instanceof List<?> list) {
            list.forEach(d -> out.put(d.toString(), true));
        } else if (deps instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(k.toString(), !Boolean.FALSE.equals(((Map<?, ?>) v).get("required"))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<String> networkAliases() {
        List<String> out = new ArrayList<>();
        if (body.get("networks") instanceof Map<?, ?> networks) {
            networks.values().forEach(n -> {
                if (n instanceof Map<?, ?> net && net.get("aliases") instanceof List<?> aliases) {
                    aliases.forEach(a -> out.add(a.toString()));
                }
            });
        }
        return out;
    }

    /** mem_limit in bytes, if set. */
    public Optional<Long> memLimitBytes() {
        Object limit = body.get("mem_limit");
        return limit == null ? Optional.empty() : Optional.of(bytes(limit.toString()));
    }

    public static long bytes(String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte size: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** The argument after {@code option} in the command, if present. */
    public Optional<String> commandOption(String option) {
        List<String> command = command();
        int i = command.indexOf(option);
        return i < 0 || i + 1 >= command.size() ? Optional.empty() : Optional.of(command.get(i + 1));
    }
}
