package org.queueanalytics.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Resource figures of this JVM for a benchmark: process CPU time, the peak heap in use (sampled
 * by the caller) and the peak heap still live after a garbage collection (from GC
 * notifications, so no collection is missed), GC count and time.
 */
public final class JvmStats {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final long cpuAtStart;
    private final java.util.Map<String, Long> threadCpu = new java.util.concurrent.ConcurrentHashMap<>();

    public JvmStats() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long before = 0;
                long after = 0;
                for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        before += e.getValue().getUsed();
                    }
                }
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        after += e.getValue().getUsed();
                    }
                }
                peakUsed.accumulateAndGet(before, Math::max);
                peakAfterGc.accumulateAndGet(after, Math::max);
            }, null, null);
        }
        cpuAtStart = processCpuNanos();
    }

    private static boolean isHeap(String pool) {
        return !(pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed Class")
                || pool.contains("CodeHeap"));
    }

    /** Call now and then (e.g. every 10 ms): the heap in use between collections. */
    public void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        peakUsed.accumulateAndGet(heap.getUsed(), Math::max);
    }

    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public long cpuNanosSinceStart() {
        return processCpuNanos() - cpuAtStart;
    }

    public long peakHeapUsed() {
        return peakUsed.get();
    }

    public long peakHeapAfterGc() {
        return peakAfterGc.get();
    }

    public static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    public static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Call now and then (e.g. every 100 ms): remembers each Java thread's CPU time, for {@link #busiestThreads}. */
    public void sampleThreads() {
        var threads = ManagementFactory.getThreadMXBean();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                threadCpu.merge(info.getThreadName() + "#" + info.getThreadId(), cpu, Math::max);
            }
        }
    }

    /**
     * CPU seconds of this process's threads grouped by kind (GC, JIT compiler, the rest by
     * name), read from {@code /proc/self/task} — it also sees the JVM's own native threads,
     * which {@code ThreadMXBean} does not. Empty where there is no {@code /proc}.
     */
    public static String cpuByThreadKind() {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return "";
        }
        long ticksPerSecond = 100; // USER_HZ on Linux
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        try (var dirs = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) dirs::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String kind = name.startsWith("GC") || name.startsWith("G1") ? "gc"
                            : name.startsWith("C1 Comp") || name.startsWith("C2 Comp") ? "jit" : name;
                    byKind.merge(kind, ticks, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return "";
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        byKind.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.add(e.getKey() + "=" + String.format(java.util.Locale.ROOT, "%.2f", e.getValue() / (double) ticksPerSecond)));
        return String.join(", ", out);
    }

    /** The Java threads with the most CPU time seen by {@link #sampleThreads}, "name=seconds", for the log. */
    public String busiestThreads(int limit) {
        java.util.List<String> out = new java.util.ArrayList<>();
        threadCpu.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> out.add(e.getKey().replaceAll("#\\d+$", "") + "="
                        + String.format(java.util.Locale.ROOT, "%.2f", e.getValue() / 1e9)));
        return String.join(", ", out);
    }

    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }
}
