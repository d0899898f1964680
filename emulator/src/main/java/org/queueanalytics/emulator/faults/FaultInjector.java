package org.queueanalytics.emulator.faults;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides, request by request, whether an API call is answered, failed or dropped. One-shot
 * faults ({@link #failNext}, {@link #dropNextConnections}) take precedence over the standing
 * random ones; drops before failures. Thread-safe; decisions are serialised so counts are exact.
 */
public final class FaultInjector {
    public static final int DEFAULT_FAILURE_STATUS = 503;

    private final AtomicReference<FaultSettings> standing;
    private final SplittableRandom random;
    private int failuresLeft;
    private int failureStatus = DEFAULT_FAILURE_STATUS;
    private int dropsLeft;

    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong slowed = new AtomicLong();

    public FaultInjector(FaultSettings initial, long seed) {
        this.standing = new AtomicReference<>(initial);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** The next {@code count} API requests answer {@code status} (e.g. 500, 502, 503, 504, 429). */
    public synchronized void failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext needs count ≥ 0 and a 4xx/5xx status, got " + count + ", " + status);
        }
        failuresLeft = count;
        failureStatus = status;
    }

    /** The next {@code count} API requests get their connection closed without an answer. */
    public synchronized void dropNextConnections(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("dropNextConnections needs count ≥ 0, got " + count);
        }
        dropsLeft = count;
    }

    /** Every API answer waits {@code delay} first; {@link Duration#ZERO} turns it off. */
    public void slowDown(Duration delay) {
        standing.updateAndGet(s -> new FaultSettings(s.errorRate(), s.dropRate(), delay));
    }

    public void setErrorRate(double rate) {
        standing.updateAndGet(s -> new FaultSettings(rate, s.dropRate(), s.slowDelay()));
    }

    public void setDropRate(double rate) {
        standing.updateAndGet(s -> new FaultSettings(s.errorRate(), rate, s.slowDelay()));
    }

    /** Clears one-shot and standing faults; counters are kept. */
    public synchronized void reset() {
        failuresLeft = 0;
        dropsLeft = 0;
        standing.set(FaultSettings.NONE);
    }

    public FaultSettings standing() {
        return standing.get();
    }

    public synchronized Fault next() {
        FaultSettings settings = standing.get();
        Duration delay = settings.slowDelay();
        if (!delay.isZero()) {
            slowed.incrementAndGet();
        }
        if (dropsLeft > 0) {
            dropsLeft--;
            dropped.incrementAndGet();
            return new Fault.Drop(delay);
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            failed.incrementAndGet();
            return new Fault.Fail(failureStatus, delay);
        }
        if (settings.dropRate() > 0 && random.nextDouble() < settings.dropRate()) {
            dropped.incrementAndGet();
            return new Fault.Drop(delay);
        }
        if (settings.errorRate() > 0 && random.nextDouble() < settings.errorRate()) {
            failed.incrementAndGet();
            return new Fault.Fail(DEFAULT_FAILURE_STATUS, delay);
        }
        return new Fault.Proceed(delay);
    }

    /** {@code failed}, {@code dropped}, {@code slowed}: faults injected so far. */
    public Map<String, Long> counters() {
        return Map.of("failed", failed.get(), "dropped", dropped.get(), "slowed", slowed.get());
    }

    public long failedCount() {
        return failed.get();
    }

    public long droppedCount() {
        return dropped.get();
    }
}
