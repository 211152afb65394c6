package dev.mainstay.bench.harness;

import java.lang.management.ManagementFactory;

/**
 * What this process has spent: CPU time of all its threads (GC and JIT included), bytes allocated on the heap by all
 * threads (virtual threads' allocations are counted on their carriers), and the heap in use after a full collection.
 * Stateless; thread-safe.
 */
public final class ProcessMeters {
    private final com.sun.management.OperatingSystemMXBean os;
    private final com.sun.management.ThreadMXBean threads;

    public ProcessMeters() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o)) {
            throw new IllegalStateException("this JVM does not report process CPU time (com.sun.management missing)");
        }
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)
                || !t.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not report allocated bytes per thread");
        }
        t.setThreadAllocatedMemoryEnabled(true);
        this.os = o;
        this.threads = t;
    }

    /** CPU time used by the whole process since it started, in nanoseconds. */
    public long cpuNanos() {
        return os.getProcessCpuTime();
    }

    /** Bytes allocated on the heap by every thread since the JVM started, live or terminated. */
    public long allocatedBytes() {
        return threads.getTotalThreadAllocatedBytes();
    }

    /** Time the JIT compilers have spent since the JVM started, in milliseconds; 0 when the JVM does not say. */
    public long compilationMillis() {
        var compilation = ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
    }

    /** Heap in use right after two full collections: an estimate of the live set. */
    public long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
