package org.queueanalytics.sqlcompat.chdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the one chDB connection of this test JVM (the engine is meant to start once per
 * process), opened on a fresh temporary data directory on first use, closed and deleted when the
 * run ends. A missing or unloadable library fails the test with the fix; it never skips.
 */
public final class ChDbExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChDbExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Engine.class, key -> Engine.start(), Engine.class).chdb();
    }

    /** The connection and its data directory; closing it closes the one and deletes the other. */
    record Engine(ChDb chdb) implements AutoCloseable {
        static Engine start() {
            Path data;
            try {
                data = Files.createTempDirectory("sql-compat-chdb-");
            } catch (IOException e) {
                throw new UncheckedIOException("chDB: cannot create a temporary data directory", e);
            }
            try {
                return new Engine(ChDb.open(System.getenv(), data));
            } catch (IllegalStateException e) {
                try {
                    Files.deleteIfExists(data); // still empty: the engine never started
                } catch (IOException ignored) {
                    // the failure below is what matters
                }
                throw new ParameterResolutionException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            chdb.close();
            try (Stream<Path> files = Files.walk(chdb.dataPath())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
