package org.queueanalytics.emulator.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.queueanalytics.emulator.Endpoints;

/**
 * Decides, request by request, whether an API call is answered, failed, dropped or answered with a
 * broken 200 body. One-shot faults ({@link #failNext}, {@link #dropNextConnections},
 * {@link #breakNextAnswers}) take precedence over the standing random ones; drops before failures
 * before broken answers. Broken answers apply only to the endpoints that serve data
 * ({@link #BREAKABLE}); a request to another endpoint does not use one up. Thread-safe; decisions
 * are serialised so counts are exact.
 */
public final class FaultInjector {
    public static final int DEFAULT_FAILURE_STATUS = 503;
    /** The endpoints whose answers can be broken: the aggregates query, the observations query, the routing queue list. */
    public static final Set<String> BREAKABLE = Set.of(Endpoints.AGGREGATES, Endpoints.OBSERVATIONS, Endpoints.ROUTING_QUEUES);

    private final AtomicReference<FaultSettings> standing;
    private final SplittableRandom random;
    private int failuresLeft;
    private int failureStatus = DEFAULT_FAILURE_STATUS;
    private int dropsLeft;
    private int brokenLeft;
    private BrokenAnswer brokenKind = BrokenAnswer.EMPTY;
    private Set<String> brokenEndpoints = BREAKABLE;

    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong slowed = new AtomicLong();
    private final AtomicLong broken = new AtomicLong();

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

    /**
     * The next {@code count} requests to {@code endpoints} (a subset of {@link #BREAKABLE}) answer
     * 200 with {@code kind}'s body instead of their data.
     */
    public synchronized void breakNextAnswers(int count, BrokenAnswer kind, Set<String> endpoints) {
        if (count < 0 || kind == null || endpoints.isEmpty() || !BREAKABLE.containsAll(endpoints)) {
            throw new IllegalArgumentException("breakNextAnswers needs count ≥ 0, a kind and endpoints among " + BREAKABLE
                    + ", got " + count + ", " + kind + ", " + endpoints);
        }
        brokenLeft = count;
        brokenKind = kind;
        brokenEndpoints = Set.copyOf(endpoints);
    }

    /** Every API answer waits {@code delay} first; {@link Duration#ZERO} turns it off. */
    public void slowDown(Duration delay) {
        standing.updateAndGet(s -> new FaultSettings(s.errorRate(), s.dropRate(), delay, s.emptyBodyRate()));
    }

    public void setErrorRate(double rate) {
        standing.updateAndGet(s -> new FaultSettings(rate, s.dropRate(), s.slowDelay(), s.emptyBodyRate()));
    }

    public void setDropRate(double rate) {
        standing.updateAndGet(s -> new FaultSettings(s.errorRate(), rate, s.slowDelay(), s.emptyBodyRate()));
    }

    /** The probability of an empty 200 body on the {@link #BREAKABLE} endpoints. */
    public void setEmptyBodyRate(double rate) {
        standing.updateAndGet(s -> new FaultSettings(s.errorRate(), s.dropRate(), s.slowDelay(), rate));
    }

    /** Clears one-shot and standing faults; counters are kept. */
    public synchronized void reset() {
        failuresLeft = 0;
        dropsLeft = 0;
        brokenLeft = 0;
        standing.set(FaultSettings.NONE);
    }

    public FaultSettings standing() {
        return standing.get();
    }

    /** The decision for a request whose endpoint cannot be broken. */
    public Fault next() {
        return next(null);
    }

    /** The decision for one request to {@code endpoint} (an {@link Endpoints} name, or null). */
    public synchronized Fault next(String endpoint) {
        FaultSettings settings = standing.get();
        boolean breakable = endpoint != null && BREAKABLE.contains(endpoint);
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
        if (brokenLeft > 0 && breakable && brokenEndpoints.contains(endpoint)) {
            brokenLeft--;
            broken.incrementAndGet();
            return new Fault.Broken(brokenKind, delay);
        }
        if (settings.dropRate() > 0 && random.nextDouble() < settings.dropRate()) {
            dropped.incrementAndGet();
            return new Fault.Drop(delay);
        }
        if (settings.errorRate() > 0 && random.nextDouble() < settings.errorRate()) {
            failed.incrementAndGet();
            return new Fault.Fail(DEFAULT_FAILURE_STATUS, delay);
        }
        if (settings.emptyBodyRate() > 0 && breakable && random.nextDouble() < settings.emptyBodyRate()) {
            broken.incrementAndGet();
            return new Fault.Broken(BrokenAnswer.EMPTY, delay);
        }
        return new Fault.Proceed(delay);
    }

    /** {@code failed}, {@code dropped}, {@code slowed}, {@code broken}: faults injected so far. */
    public Map<String, Long> counters() {
        return Map.of("failed", failed.get(), "dropped", dropped.get(), "slowed", slowed.get(), "broken", broken.get());
    }

    /** Answers sent as 200 with a broken body so far. */
    public long brokenCount() {
        return broken.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long droppedCount() {
        return dropped.get();
    }
}
