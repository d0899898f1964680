package org.queueanalytics.common.reload;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.ConfigSnapshot;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the configuration in force. {@link #reload()} re-reads the file given at start-up,
 * validates all of it before changing anything, swaps one reference, then tells the listeners.
 * A reload while another is applying answers {@link ReloadOutcome.Busy} instead of queueing.
 */
public final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final ConfigLoader loader;
    private final AtomicReference<ConfigSnapshot> current;
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock applying = new ReentrantLock();

    public ConfigReloader(Path file, ConfigLoader loader, ConfigSnapshot initial) {
        this.file = file;
        this.loader = loader;
        this.current = new AtomicReference<>(initial);
    }

    public static ConfigReloader load(Path file, ConfigLoader loader) throws ConfigException {
        return new ConfigReloader(file, loader, loader.loadSnapshot(file));
    }

    public PipelineConfig current() {
        return current.get().config();
    }

    public Path file() {
        return file;
    }

    public void addListener(ConfigListener listener) {
        listeners.add(listener);
    }

    public ReloadOutcome reload() {
        if (!applying.tryLock()) {
            return new ReloadOutcome.Busy();
        }
        try {
            ConfigSnapshot next;
            try {
                next = loader.loadSnapshot(file);
            } catch (ConfigException e) {
                // errors name keys, not values; a secret of the running configuration pasted into another key is masked too
                List<String> errors = e.errors().stream()
                        .map(error -> Secret.redactAll(error, current.get().config().secrets())).toList();
                LOG.warn("reload of {} rejected, the previous configuration stays in force: {}", file, errors);
                return new ReloadOutcome.Rejected(errors);
            }
            ConfigSnapshot previous = current.getAndSet(next);
            List<String> changed = previous.changedKeys(next);
            if (!changed.isEmpty()) {
                for (ConfigListener listener : listeners) {
                    listener.configChanged(previous.config(), next.config(), changed);
                }
            }
            LOG.info("configuration reloaded from {}; changed keys: {}", file, changed);
            return new ReloadOutcome.Reloaded(changed);
        } finally {
            applying.unlock();
        }
    }

    /** Makes {@code kill -HUP <pid>} reload the configuration (where the JVM supports the signal). */
    @SuppressWarnings("restriction")
    public void reloadOnSighup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                Thread reloadThread = new Thread(this::reload, "sighup-reload");
                reloadThread.setDaemon(true);
                reloadThread.start();
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP reload is not available on this platform; use POST /reload");
        }
    }
}
