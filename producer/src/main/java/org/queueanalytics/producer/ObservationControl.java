package org.queueanalytics.producer;

import java.util.Objects;
import java.util.function.Function;
import org.queueanalytics.common.config.ObservationSettings;
import org.queueanalytics.producer.observations.ObservationPoller;
import org.queueanalytics.producer.observations.ObservationStatus;
import org.queueanalytics.producer.observations.ObservationTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observation poller's lifecycle inside one {@link ProducerService}: started with the service
 * loop when {@code observations.enabled} (never in a fixed-range run), replaced — alone — when a
 * reload changes {@code observations.*} ({@link #apply}), stopped with the service. The pollers it
 * builds share the service's Genesys client, queue directory and shard ownership (see
 * {@link ProducerWiring}); the {@link ObservationTracker} behind {@code /status} outlives them.
 * Thread-safe: the service loop, a reload and a shutdown hook may call it at once.
 */
final class ObservationControl {
    private static final Logger LOG = LoggerFactory.getLogger(ObservationControl.class);

    private final boolean fixedRange;
    private final Function<ObservationSettings, ObservationPoller> pollers;
    private final ObservationTracker tracker;
    private volatile ObservationSettings settings;
    private volatile ObservationPoller poller;
    private boolean started;
    private boolean stopped;

    /**
     * @param fixedRange true when the service polls {@code analytics.date_from .. date_to} once: no observations
     * @param pollers    builds a poller (not started) under the given settings
     */
    ObservationControl(ObservationSettings settings, boolean fixedRange, Function<ObservationSettings, ObservationPoller> pollers,
                       ObservationTracker tracker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fixedRange = fixedRange;
        this.pollers = Objects.requireNonNull(pollers, "pollers");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** The service loop started: starts a poller when enabled. Once; not after {@link #stop()}. */
    synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        startPoller();
    }

    /** A reload changed {@code observations.*}: the running poller (if any) stops, one under {@code next} starts when enabled. */
    synchronized void apply(ObservationSettings next) {
        ObservationSettings previous = settings;
        settings = Objects.requireNonNull(next, "next");
        closePoller();
        if (started && !stopped) {
            if (!next.enabled() && previous.enabled()) {
                LOG.info("Observation poller stopped: observations.enabled is false now");
            }
            startPoller();
        }
    }

    /** The service stopped: stops the poller (bounded) for good. Idempotent. */
    synchronized void stop() {
        stopped = true;
        closePoller();
    }

    ObservationStatus status() {
        ObservationPoller running = poller;
        return tracker.status(settings, running != null && running.running());
    }

    /** A poller under the current settings, not started (tests drive its snapshots themselves). */
    ObservationPoller newPoller() {
        return pollers.apply(settings);
    }

    private void startPoller() {
        ObservationSettings s = settings;
        if (!s.enabled()) {
            return;
        }
        if (fixedRange) {
            LOG.info("observations.enabled is true, but this run polls the fixed range analytics.date_from .. date_to: live "
                    + "queue state is not polled (only a live producer polls it)");
            return;
        }
        ObservationPoller p = pollers.apply(s);
        poller = p;
        p.start();
        LOG.info("Observation poller started: every {} s, metrics {}, at most {} requests a minute, topic {}",
                s.interval().toSeconds(), s.metrics(), s.maxRequestsPerMinute(), s.topic());
    }

    private void closePoller() {
        ObservationPoller p = poller;
        poller = null;
        if (p != null) {
            p.close();
        }
    }
}
