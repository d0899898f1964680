package org.queueanalytics.testsupport;

/** Stops and starts one real server process (same data directory, same ports). */
public interface ServerControl {
    void stop();

    void start();
}
