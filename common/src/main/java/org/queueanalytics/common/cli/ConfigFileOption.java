package org.queueanalytics.common.cli;

import java.nio.file.Path;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.reload.ConfigReloader;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option every command shares (picocli mixin). Default:
 * {@code $CONFIG_FILE}, else {@code ./config.json}.
 */
public final class ConfigFileOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "configuration file (default: $CONFIG_FILE, else ./config.json)")
    private Path file;

    public Path file() {
        if (file != null) {
            return file;
        }
        String fromEnv = System.getenv("CONFIG_FILE");
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "config.json" : fromEnv);
    }

    /**
     * This option when it was given on its command, else {@code fallback} (a subcommand's
     * {@code --config} falls back to its parent command's, and then to the defaults above).
     */
    public ConfigFileOption orElse(ConfigFileOption fallback) {
        return file != null || fallback == null ? this : fallback;
    }

    /** Loads and validates the file with the process environment's overrides applied. */
    public ConfigReloader load() throws ConfigException {
        return ConfigReloader.load(file(), ConfigLoader.fromSystemEnvironment());
    }
}
