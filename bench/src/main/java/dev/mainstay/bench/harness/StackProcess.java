package dev.mainstay.bench.harness;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The measuring side of a stack process: warms the stack up, then measures, in this order, runs at concurrency 1
 * (CPU, allocation, p50/p99), streamed runs at concurrency 1, runs at concurrency {@link Plan#concurrency()} on
 * virtual threads (throughput), and the heap held per run with {@link Plan#heapConcurrency()} runs in flight
 * against the slow server. Prints one line, {@value #RESULT_PREFIX} followed by a JSON object, on standard output;
 * progress goes to standard error.
 *
 * <p>Every answer is checked: a run that fails or answers something unexpected stops the measurement, so a broken
 * stack is reported as broken rather than as fast.
 */
public final class StackProcess {
    public static final String RESULT_PREFIX = "BENCH-RESULT ";
    /** Runs of each kind in one settling batch. */
    static final int SETTLE_RUNS = 1000;
    /** A batch is quiet when the JIT spent at most this share of its wall time, in percent. */
    static final int QUIET_JIT_PERCENT = 1;

    private final String stack;
    private final StackFactory factory;
    private final Plan plan;
    private final PhaseRecorder recorder;
    private final ProcessMeters meters = new ProcessMeters();

    /**
     * @param recordPhase the phase to record into {@code recordFile}, or {@code null}
     * @param recordWith the recorder: {@code jfr}, or an async-profiler event ({@code cpu}, {@code itimer},
     *     {@code wall}, {@code alloc})
     */
    public StackProcess(String stack, StackFactory factory, Plan plan, String recordPhase, Path recordFile,
            String recordWith) {
        this.stack = stack;
        this.factory = factory;
        this.plan = plan;
        this.recorder = recordPhase == null ? new PhaseRecorder("", Path.of("unused.jfr"), "jfr")
                : new PhaseRecorder(recordPhase, recordFile, recordWith);
    }

    /** Entry point of a stack's {@code main}: measures and exits, 0 on success, 1 on any failure. */
    public static void main(String stack, StackFactory factory, String[] args) {
        int status = 0;
        try {
            var options = Args.parse(args);
            var plan = Plan.from(options);
            var recordPhase = options.string("record-phase", null);
            var recordWith = options.string("record-with", "jfr");
            var recordFile = Path.of(options.string("record-file", stack + "-" + recordPhase
                    + (recordWith.equals("jfr") ? ".jfr" : "-" + recordWith + ".collapsed")));
            options.rejectUnknown();
            System.out.println(RESULT_PREFIX
                    + new StackProcess(stack, factory, plan, recordPhase, recordFile, recordWith).measure());
        } catch (Throwable e) {
            System.out.println(RESULT_PREFIX + new JsonLine().field("stack", stack)
                    .field("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status); // some clients keep non-daemon threads alive
    }

    /** Runs the whole plan and returns the result object. */
    public JsonLine measure() throws Exception {
        var result = new JsonLine().field("stack", stack).field("jvm", jvm());
        try (var fast = factory.open(plan.baseUrl())) {
            sequential(fast, "warmup", plan.warmupRuns(), false);
            sequential(fast, "warmup_stream", plan.warmupRuns() / 4, true);
            concurrent(fast, "warmup_concurrent", plan.concurrency(), plan.warmupRuns());
            settle(fast);
            var c1 = recorder.around("c1", () -> sequential(fast, "c1", plan.runs(), false));
            result.field("c1", report(c1).json());
            if (plan.streamRuns() > 0) {
                var streamed = recorder.around("c1_stream", () -> sequential(fast, "c1_stream", plan.streamRuns(), true));
                result.field("c1_stream", report(streamed).json());
            }
            if (plan.concurrentRuns() > 0) {
                var concurrent = recorder.around("concurrent",
                        () -> concurrent(fast, "concurrent", plan.concurrency(), plan.concurrentRuns()));
                result.field("concurrent", report(concurrent).json());
            }
        }
        if (plan.slowBaseUrl() != null) {
            var heap = recorder.around("heap", this::heap);
            progress("heap: %d in flight (at least %d at the server), %.1f KB per run (baseline %.1f MB, in flight "
                    + "%.1f MB, after drain %.1f MB)", heap.inFlight(), heap.atServer(), heap.kilobytesPerRun(), heap.baselineBytes() / 1048576.0,
                    heap.inFlightBytes() / 1048576.0, heap.afterDrainBytes() / 1048576.0);
            result.field("heap", heap.json());
        }
        return result;
    }

    /**
     * Keeps warming up until the JIT is quiet: batches of every kind of run until two batches in a row spent at most
     * {@value #QUIET_JIT_PERCENT}% of their wall time compiling, or {@link Plan#settleBatches()} batches. A large
     * client library is still being compiled thousands of runs in, and the compiler threads' CPU would otherwise
     * count as the stack's cost per run.
     */
    void settle(Stack target) throws Exception {
        int quiet = 0;
        int most = plan.settleBatches();
        for (int batch = 1; batch <= most; batch++) {
            long jit = meters.compilationMillis();
            long start = System.nanoTime();
            sequential(target, "settle", SETTLE_RUNS, false);
            sequential(target, "settle_stream", SETTLE_RUNS / 4, true);
            concurrent(target, "settle_concurrent", plan.concurrency(), SETTLE_RUNS);
            long jitMillis = meters.compilationMillis() - jit;
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            quiet = jitMillis * 100 <= wallMillis * QUIET_JIT_PERCENT ? quiet + 1 : 0;
            if (quiet == 2 || batch == most) {
                progress("settled after %d batches of %d runs (JIT %d ms in the last, of %d ms)%s", batch,
                        SETTLE_RUNS, jitMillis, wallMillis, quiet == 2 ? "" : ": the JIT was still busy");
                return;
            }
        }
    }

    PhaseResult sequential(Stack target, String name, int runs, boolean stream) throws Exception {
        var latencies = new long[Math.max(1, runs)];
        long jit = meters.compilationMillis();
        long cpu = meters.cpuNanos();
        long allocated = meters.allocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long runStart = System.nanoTime();
            check(target.runOnce(stream));
            latencies[i] = System.nanoTime() - runStart;
        }
        return finish(name, 1, runs, start, cpu, allocated, jit, latencies);
    }

    PhaseResult concurrent(Stack target, String name, int concurrency, int runs) throws Exception {
        var latencies = new long[Math.max(1, runs)];
        var remaining = new AtomicInteger(runs);
        var done = new AtomicInteger();
        var failure = new AtomicReference<Throwable>();
        long jit = meters.compilationMillis();
        long cpu = meters.cpuNanos();
        long allocated = meters.allocatedBytes();
        long start = System.nanoTime();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    while (failure.get() == null && remaining.getAndDecrement() > 0) {
                        long runStart = System.nanoTime();
                        try {
                            check(target.runOnce(false));
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        latencies[done.getAndIncrement()] = System.nanoTime() - runStart;
                    }
                });
            }
        }
        rethrow(failure.get());
        return finish(name, concurrency, runs, start, cpu, allocated, jit, latencies);
    }

    HeapResult heap() throws Exception {
        int n = plan.heapConcurrency();
        var probe = new ServerProbe(plan.slowBaseUrl());
        try (var slow = factory.open(plan.slowBaseUrl())) {
            check(slow.runOnce(false)); // the client's lazy parts exist before the baseline
            long baseline = meters.heapUsedAfterGc();
            var stop = new AtomicBoolean();
            var inFlight = new AtomicInteger();
            var completed = new AtomicLong();
            var failure = new AtomicReference<Throwable>();
            var heaps = new double[plan.heapSamples()];
            int fewestAtServer = Integer.MAX_VALUE;
            long start = System.nanoTime();
            try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < n; w++) {
                    workers.submit(() -> {
                        while (!stop.get()) {
                            inFlight.incrementAndGet();
                            try {
                                check(slow.runOnce(false));
                                completed.incrementAndGet();
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                                stop.set(true);
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        }
                    });
                }
                try {
                    awaitAtLeast("runs started", inFlight::get, n, failure);
                    TimeUnit.MILLISECONDS.sleep(1000);
                    boolean serverCounts = probe.inFlight().isPresent();
                    for (int s = 0; s < heaps.length && failure.get() == null; s++) {
                        // Runs that started together move in waves: all wait on the server, then all are in the
                        // client at once, and some may queue inside it (a limiter, a pool). Measure when the server
                        // holds nearly all of them, when it can tell: that is a run waiting on the model.
                        if (serverCounts) {
                            awaitAtLeast("requests held by the server", () -> probe.inFlight().orElse(0),
                                    (int) Math.ceil(n * 0.95), failure);
                        }
                        fewestAtServer = Math.min(fewestAtServer, probe.inFlight().orElse(inFlight.get()));
                        heaps[s] = meters.heapUsedAfterGc();
                        TimeUnit.MILLISECONDS.sleep(500);
                    }
                } finally {
                    stop.set(true);
                }
            }
            long wall = System.nanoTime() - start;
            rethrow(failure.get());
            long afterDrain = meters.heapUsedAfterGc();
            return new HeapResult(n, fewestAtServer, baseline, (long) Percentiles.median(heaps), afterDrain,
                    completed.get(), wall);
        }
    }

    private PhaseResult finish(String name, int concurrency, int runs, long start, long cpu, long allocated, long jit,
            long[] latencies) {
        long wall = System.nanoTime() - start;
        var result = new PhaseResult(name, concurrency, runs, wall, meters.cpuNanos() - cpu,
                meters.allocatedBytes() - allocated, runs == 0 ? 0 : Percentiles.of(latencies, 0.50),
                runs == 0 ? 0 : Percentiles.of(latencies, 0.99), meters.compilationMillis() - jit);
        if (name.startsWith("warmup")) {
            progress("%s: %d runs in %.1f s", name, runs, wall / 1e9);
        }
        return result;
    }

    private PhaseResult report(PhaseResult r) {
        progress("%s: %d runs at concurrency %d, %.0f us CPU/run, %.1f KB/run, p50 %.2f ms, p99 %.2f ms, %.0f runs/s,"
                + " JIT %d ms", r.name(), r.runs(), r.concurrency(), r.cpuMicrosPerRun(), r.allocatedKilobytesPerRun(),
                r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.runsPerSecond(), r.jitMillis());
        return r;
    }

    private static void check(String answer) {
        if (answer == null || !answer.contains(ReferenceRun.EXPECTED_IN_ANSWER)) {
            var shown = answer == null ? "null" : answer.length() > 120 ? answer.substring(0, 120) + "…" : answer;
            throw new IllegalStateException("the run's answer lacks '" + ReferenceRun.EXPECTED_IN_ANSWER + "': "
                    + shown);
        }
    }

    /** A count that may block (it may ask the server). */
    @FunctionalInterface
    private interface Count {
        int get() throws InterruptedException;
    }

    private static void awaitAtLeast(String what, Count count, int target, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int seen = count.get(); seen < target && failure.get() == null; seen = count.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + target + " " + what + " within 90 s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void rethrow(Throwable failure) throws Exception {
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private void progress(String format, Object... args) {
        System.err.printf("[%s] " + format + "%n", prepend(stack, args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        var all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static JsonLine jvm() {
        var runtime = Runtime.getRuntime();
        var gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                .collect(Collectors.joining(", "));
        return new JsonLine()
                .field("version", Runtime.version().toString())
                .field("gc", gcs)
                .field("max_heap_mb", runtime.maxMemory() / 1048576)
                .field("processors", runtime.availableProcessors());
    }
}
