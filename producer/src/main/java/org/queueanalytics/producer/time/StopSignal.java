package org.queueanalytics.producer.time;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link Sleeper}: waits on a latch, so {@link #stop()} ends every current and future
 * wait at once with an {@link InterruptedException}. Thread-safe; {@code stop()} is idempotent.
 */
public final class StopSignal implements Sleeper {
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (isStopped()) {
            throw new InterruptedException("the producer is shutting down");
        }
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        if (stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new InterruptedException("the producer is shutting down");
        }
    }

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }
}
