package org.queueanalytics.it.compose;

import java.nio.file.Path;
import java.util.List;

/**
 * Which jar of the repository a service runs: its command's {@code java -jar /app/X.jar}, copied
 * into its build target from the build stage, where the build's {@code cp} took it from
 * {@code <module>/target/}.
 */
public record ServiceJar(String containerPath, String buildStagePath, Path repositoryPath) {
    public static ServiceJar of(ComposeService service, Dockerfile dockerfile) {
        List<String> command = service.command();
        int jarFlag = command.indexOf("-jar");
        if (!command.get(0).equals("java") || jarFlag < 0 || jarFlag + 1 >= command.size()) {
            throw new AssertionError(service.name() + ": command must be java … -jar FILE …, not " + command);
        }
        String inContainer = command.get(jarFlag + 1);
        String target = (String) service.build().orElseThrow(() -> new AssertionError(service.name() + " has no build:")).get("target");
        Dockerfile.Stage stage = dockerfile.stage(target)
                .orElseThrow(() -> new AssertionError(service.name() + ": build target " + target + " is not a stage of docker/Dockerfile"));
        String fromBuild = dockerfile.copiedFromStages(stage).get(inContainer);
        if (fromBuild == null) {
            throw new AssertionError(service.name() + " runs " + inContainer + ", which stage " + target + " does not COPY");
        }
        String inContext = dockerfile.stages().stream()
                .map(dockerfile::jarsCopiedByRun)
                .filter(m -> m.containsKey(fromBuild)).map(m -> m.get(fromBuild)).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + ": no RUN cp of docker/Dockerfile puts a jar at " + fromBuild));
        return new ServiceJar(inContainer, fromBuild, service.root().resolve(inContext).normalize());
    }

    /** The Maven module that builds the jar: the path before /target/. */
    public String module() {
        Path relative = repositoryPath.getParent().getParent().getFileName();
        return relative.toString();
    }
}
