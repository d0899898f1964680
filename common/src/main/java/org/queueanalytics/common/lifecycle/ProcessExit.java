package org.queueanalytics.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link FatalErrorHandler}: the first failure is logged (once, with its stack
 * trace) and the process exits with status 1; later ones — the same failure seen by another thread
 * while the process winds down — are not logged again. The exit runs on a thread of its own, so the
 * shutdown hooks (which wait for the service's threads to finish) can complete while the failing
 * thread returns; should they hang, the process is halted after {@link #HALT_AFTER}.
 */
public final class ProcessExit implements FatalErrorHandler {
    public static final Duration HALT_AFTER = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessExit.class);

    private final AtomicBoolean fired = new AtomicBoolean();
    private final IntConsumer exit;
    private final IntConsumer halt;

    public ProcessExit() {
        this(status -> Runtime.getRuntime().exit(status), status -> Runtime.getRuntime().halt(status));
    }

    ProcessExit(IntConsumer exit, IntConsumer halt) {
        this.exit = exit;
        this.halt = halt;
    }

    @Override
    public void fatal(String component, Throwable error) {
        if (!fired.compareAndSet(false, true)) {
            LOG.debug("{} also failed while the process is exiting: {}", component, error.toString());
            return;
        }
        LOG.error("{} failed unexpectedly; exiting with status 1 so that the service manager restarts the process "
                + "(nothing unstored was committed; it resumes from the last commit)", component, error);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER.toMillis()); // a deadline, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("shutdown did not finish within {} s after a fatal error; halting", HALT_AFTER.toSeconds());
            halt.accept(1);
        }, "fatal-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread exiting = new Thread(() -> exit.accept(1), "fatal-exit");
        exiting.start();
    }

    /** Whether a fatal error was reported. */
    public boolean fired() {
        return fired.get();
    }
}
