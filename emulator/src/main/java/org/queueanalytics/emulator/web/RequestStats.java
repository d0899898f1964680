package org.queueanalytics.emulator.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests counted by endpoint name and answered status (0 = dropped without an answer). Thread-safe. */
public final class RequestStats {
    private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

    public void record(String endpoint, int status) {
        counts.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
    }

    public long count(String endpoint, int status) {
        LongAdder adder = counts.getOrDefault(endpoint, Map.of()).get(status);
        return adder == null ? 0 : adder.sum();
    }

    public long total(String endpoint) {
        return counts.getOrDefault(endpoint, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** endpoint → status → count, sorted, detached from later updates. */
    public Map<String, Map<Integer, Long>> snapshot() {
        Map<String, Map<Integer, Long>> snapshot = new TreeMap<>();
        counts.forEach((endpoint, byStatus) -> {
            Map<Integer, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, adder) -> statuses.put(status, adder.sum()));
            snapshot.put(endpoint, statuses);
        });
        return snapshot;
    }
}
