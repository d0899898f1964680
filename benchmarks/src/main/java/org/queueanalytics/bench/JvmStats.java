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

    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }
}
