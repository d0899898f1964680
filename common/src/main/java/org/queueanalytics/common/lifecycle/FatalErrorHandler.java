package org.queueanalytics.common.lifecycle;

/**
 * Where a failure no thread may survive ends up: an unexpected exception or {@code Error} in the
 * consumer's ingest loop or writer, the producer's poll loop, or any thread without a handler of
 * its own. The production handler ({@link ProcessExit}) logs it once and ends the process with
 * exit status 1, so a service manager restarts it; nothing was committed or checkpointed that was
 * not stored. Injected, so that tests observe "would exit 1" without ending the JVM.
 */
@FunctionalInterface
public interface FatalErrorHandler {
    /**
     * @param component what failed, e.g. "consumer ingest loop" or "thread producer-shard-membership"
     * @param error     the failure; never rethrown
     */
    void fatal(String component, Throwable error);

    /** Makes {@code handler} the default uncaught-exception handler of every thread of the process. */
    static void installAsDefault(FatalErrorHandler handler) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> handler.fatal("thread " + thread.getName(), error));
    }
}
