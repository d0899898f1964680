package org.queueanalytics.it.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of docker/Dockerfile that the compose checks need: stages, ENV, COPY and the build's cp. */
public final class Dockerfile {
    /** One {@code FROM base [AS name]} stage and its instructions (continuation lines joined). */
    public record Stage(String base, String name, List<String> instructions) {}

    private static final Pattern FROM = Pattern.compile("(?i)FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");
    private static final Pattern ENV = Pattern.compile("(?i)ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|\\S+)");
    private static final Pattern COPY_FROM = Pattern.compile("(?i)COPY\\s+--from=(\\S+)\\s+(\\S+)\\s+(\\S+)");
    private static final Pattern CP_JARS = Pattern.compile("\\bcp\\s+((?:\\S+\\.jar\\s+)+)(\\S+)");

    private final List<String> directives;
    private final List<Stage> stages;

    private Dockerfile(List<String> directives, List<Stage> stages) {
        this.directives = directives;
        this.stages = stages;
    }

    public static Dockerfile read(Path file) throws IOException {
        List<String> directives = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                if (stages.isEmpty() && trimmed.matches("#\\s*[a-z]+=.*")) {
                    directives.add(trimmed);
                }
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            Matcher from = FROM.matcher(instruction);
            if (from.matches()) {
                stages.add(new Stage(from.group(1), from.group(2), new ArrayList<>()));
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(List.copyOf(directives), List.copyOf(stages));
    }

    /** Parser directives such as {@code # syntax=…} (they make the build pull a frontend image). */
    public List<String> directives() {
        return directives;
    }

    public List<Stage> stages() {
        return stages;
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** Base images pulled from a registry: every FROM that does not name an earlier stage. */
    public List<String> externalBaseImages() {
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Stage stage : stages) {
            if (!names.contains(stage.base())) {
                out.add(stage.base());
            }
            if (stage.name() != null) {
                names.add(stage.name());
            }
        }
        return out;
    }

    /** The stage and the stages it is built FROM, nearest first. */
    private List<Stage> lineage(Stage stage) {
        List<Stage> out = new ArrayList<>();
        for (Stage s = stage; s != null; s = stage(s.base()).orElse(null)) {
            out.add(s);
        }
        return out;
    }

    /** ENV of the stage, inherited ones included. */
    public Map<String, String> env(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        List<Stage> lineage = lineage(stage);
        for (int i = lineage.size() - 1; i >= 0; i--) {
            for (String instruction : lineage.get(i).instructions()) {
                Matcher m = ENV.matcher(instruction);
                if (m.matches()) {
                    env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
                }
            }
        }
        return env;
    }

    /** Files the stage (or a parent) copies from another stage: container path → source path in that stage. */
    public Map<String, String> copiedFromStages(Stage stage) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Stage s : lineage(stage)) {
            for (String instruction : s.instructions()) {
                Matcher m = COPY_FROM.matcher(instruction);
                if (m.matches()) {
                    String source = m.group(2);
                    String target = m.group(3);
                    String file = source.substring(source.lastIndexOf('/') + 1);
                    out.put(target.endsWith("/") ? target + file : target, source);
                }
            }
        }
        return out;
    }

    /** Jars the build copies with {@code cp a.jar b.jar … DIR/}: path in DIR → path in the build context. */
    public Map<String, String> jarsCopiedByRun(Stage stage) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String instruction : stage.instructions()) {
            if (!instruction.toUpperCase().startsWith("RUN")) {
                continue;
            }
            Matcher m = CP_JARS.matcher(instruction);
            while (m.find()) {
                String dir = m.group(2).endsWith("/") ? m.group(2) : m.group(2) + "/";
                for (String jar : m.group(1).trim().split("\\s+")) {
                    out.put(dir + jar.substring(jar.lastIndexOf('/') + 1), jar);
                }
            }
        }
        return out;
    }
}
