package org.queueanalytics.consumer.ingest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.queueanalytics.common.admin.Liveness;
import org.queueanalytics.common.admin.Readiness;

/**
 * What the ingest loop and its stages report: whether the loop should keep running, why it is
 * (not) ready, whether it is alive, and the unexpected failure that ended it. The stages write it
 * on the poll thread; the admin server and {@link IngestLoop#stop()} read or flip it from others.
 *
 * <p>Ready again only when both the write rounds and the offset commits are healthy: a stored
 * batch does not hide a commit that keeps failing, nor a commit a write round that does.
 */
final class LoopStatus {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.notReady("starting"));
    private final AtomicReference<Liveness> liveness = new AtomicReference<>(Liveness.alive("starting"));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean writesFailing;
    private volatile boolean commitsFailing;

    boolean isRunning() {
        return running.get();
    }

    /** Ends the loop after its current step; true when this call ended it. */
    boolean stopRunning() {
        return running.compareAndSet(true, false);
    }

    Readiness readiness() {
        return readiness.get();
    }

    Liveness liveness() {
        return liveness.get();
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Records the failure that ends the loop (the first one only). */
    void failed(Throwable cause) {
        failure.compareAndSet(null, cause);
    }

    void ready() {
        readiness.set(Readiness.ok());
    }

    void notReady(String reason) {
        readiness.set(Readiness.notReady(reason));
    }

    void writeRoundFailed(String reason) {
        writesFailing = true;
        notReady(reason);
    }

    void writeSucceeded() {
        writesFailing = false;
        readyIfHealthy();
    }

    void commitFailed(String reason) {
        commitsFailing = true;
        notReady(reason);
    }

    void commitSucceeded() {
        commitsFailing = false;
        readyIfHealthy();
    }

    private void readyIfHealthy() {
        if (!writesFailing && !commitsFailing) {
            ready();
        }
    }

    /** The loop has returned: not running any more, and why. */
    void ended(Liveness why, Readiness readinessNow) {
        liveness.set(why);
        readiness.set(readinessNow);
    }

    void ended(Liveness why) {
        liveness.set(why);
    }
}
