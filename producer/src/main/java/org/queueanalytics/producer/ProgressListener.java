package org.queueanalytics.producer;

/** Told after each window is fetched, published and checkpointed. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, records) -> { };

    /**
     * @param windowsDone    windows finished so far in this run
     * @param windowsTotal   windows this run covers
     * @param recordsInRun   records published so far in this run
     */
    void windowDone(int windowsDone, int windowsTotal, long recordsInRun);
}
