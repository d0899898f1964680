package org.queueanalytics.it.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose sees it for a given shell environment: YAML anchors and
 * {@code <<} merge keys resolved, variables interpolated.
 */
public final class ComposeFile {
    private final Path root;
    private final Map<String, Object> tree;

    private ComposeFile(Path root, Map<String, Object> tree) {
        this.root = root;
        this.tree = tree;
    }

    /** @param root the repository root, where docker-compose.yml is */
    @SuppressWarnings("unchecked")
    public static ComposeFile load(Path root, Map<String, String> shell) throws IOException {
        return new ComposeFile(root, (Map<String, Object>) new Interpolation(shell).applyToTree(yaml(root.resolve("docker-compose.yml"))));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object parsed = new Yaml(new LoaderOptions()).load(reader); // resolves anchors and "<<" merge keys
            if (!(parsed instanceof Map<?, ?>)) {
                throw new IllegalStateException(file + " is not a YAML mapping");
            }
            return (Map<String, Object>) parsed;
        }
    }

    public Map<String, Object> tree() {
        return tree;
    }

    public Path root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    public Map<String, ComposeService> services() {
        Map<String, ComposeService> out = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) tree.get("services")).forEach((name, body) -> out.put(name, new ComposeService(name, body, root)));
        return out;
    }

    public ComposeService service(String name) {
        ComposeService service = services().get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return service;
    }
}
