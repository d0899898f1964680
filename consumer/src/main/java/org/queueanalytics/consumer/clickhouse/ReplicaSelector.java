package org.queueanalytics.consumer.clickhouse;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The order in which the replicas of {@code clickhouse.url} are tried: "preferred first, retry
 * later". The URLs are preferred in the order configured; a replica whose request failed for a
 * reason another replica may not share (a {@code retry} of the error policy: no answer, read-only,
 * overloaded …) is put back for {@link #DEFAULT_COOL_DOWN}, during which the others go first; it
 * stays a last resort and is preferred again once the cool-down is over — so a replica that came
 * back is used again within that time, and a dead one costs at most one failed attempt per
 * cool-down. Every replica appears once in each {@link #order()}: a request is tried at most
 * {@code urls} times.
 *
 * <p>Thread-safe; the clock is injected for tests.
 */
final class ReplicaSelector {
    static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

    private final int replicas;
    private final Clock clock;
    private final long coolDownMillis;
    /** Per replica: until when (epoch ms) it is tried only after the others; 0 = healthy. */
    private final AtomicLongArray backOffUntil;

    ReplicaSelector(int replicas, Clock clock, Duration coolDown) {
        if (replicas < 1) {
            throw new IllegalArgumentException("ReplicaSelector: at least one replica (was " + replicas + ")");
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("ReplicaSelector: the cool-down must not be negative (was " + coolDown + ")");
        }
        this.replicas = replicas;
        this.clock = clock;
        this.coolDownMillis = coolDown.toMillis();
        this.backOffUntil = new AtomicLongArray(replicas);
    }

    /** Replica indexes to try, in order: healthy ones as configured, then those cooling down, soonest back first. */
    List<Integer> order() {
        long now = clock.millis();
        List<Integer> healthy = new ArrayList<>(replicas);
        List<Integer> coolingDown = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            (backOffUntil.get(i) <= now ? healthy : coolingDown).add(i);
        }
        coolingDown.sort(Comparator.comparingLong(backOffUntil::get));
        healthy.addAll(coolingDown);
        return healthy;
    }

    /** Whether {@code replica} is cooling down now (for logs and tests). */
    boolean coolingDown(int replica) {
        return backOffUntil.get(replica) > clock.millis();
    }

    void failed(int replica) {
        backOffUntil.set(replica, clock.millis() + coolDownMillis);
    }

    void succeeded(int replica) {
        backOffUntil.set(replica, 0);
    }
}
