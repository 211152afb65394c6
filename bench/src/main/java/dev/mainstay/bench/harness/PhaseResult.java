package dev.mainstay.bench.harness;

/**
 * What a batch of runs cost the process.
 *
 * @param wallNanos elapsed time of the whole phase
 * @param cpuNanos process CPU time used during the phase, every thread included
 * @param allocatedBytes heap bytes allocated during the phase, every thread included
 * @param p50Nanos median wall time of one run
 * @param p99Nanos 99th percentile wall time of one run
 * @param jitMillis time the JIT compilers spent during the phase; its CPU is part of {@code cpuNanos}, so a phase
 *     with much of it was not measured in steady state
 */
public record PhaseResult(
        String name, int concurrency, int runs, long wallNanos, long cpuNanos, long allocatedBytes, long p50Nanos,
        long p99Nanos, long jitMillis) {

    public double cpuMicrosPerRun() {
        return cpuNanos / 1_000.0 / runs;
    }

    public double allocatedKilobytesPerRun() {
        return allocatedBytes / 1024.0 / runs;
    }

    public double runsPerSecond() {
        return runs / (wallNanos / 1e9);
    }

    JsonLine json() {
        return new JsonLine()
                .field("concurrency", concurrency)
                .field("runs", runs)
                .field("wall_ms", wallNanos / 1e6)
                .field("cpu_us_per_run", cpuMicrosPerRun())
                .field("alloc_kb_per_run", allocatedKilobytesPerRun())
                .field("p50_ms", p50Nanos / 1e6)
                .field("p99_ms", p99Nanos / 1e6)
                .field("runs_per_s", runsPerSecond())
                .field("jit_ms", jitMillis);
    }
}
