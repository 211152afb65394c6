package dev.mainstay.app.chaos;

import dev.mainstay.agent.AgentSpec;
import dev.mainstay.agent.RunRequest;
import dev.mainstay.agent.RunStopReason;
import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.app.chaos.ChaosProfile.Scope;
import dev.mainstay.app.chaos.RunRecord.RunOutcome;
import dev.mainstay.app.cli.DemoCommand;
import dev.mainstay.app.config.MainstayConfig;
import dev.mainstay.app.runtime.MainstayRuntime;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.reliability.fallback.FallbackModelClient;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.WorldFaults;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.time.Sleeper;
import dev.mainstay.tools.ReferenceToolsConfig;
import dev.mainstay.tools.SearchSettings;
import dev.mainstay.tools.weather.OpenMeteoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Runs the reference agent many times at once against the in-process simulator with a {@link ChaosProfile}'s faults,
 * and counts what happened. The runtime is {@link MainstayRuntime}, the same composition root as {@code mainstay ask}
 * (simulator → official SDK client → reliability stack → agent loop, tools pointed at the simulator's world), with
 * the harness's settings: primary and fallback model, retry tuning, deadlines. It never uses an API key, so it never
 * reaches a real provider.
 *
 * <p>Runs are taken in order by {@code concurrency} virtual threads; run {@code i} gets demo task
 * {@code i mod 3} and streams with probability {@code streamShare} (drawn from the seed). Every run is bounded by its
 * deadline and the whole chaos run by {@code overallTimeout}: when that passes, runs still going are cancelled and
 * the report says so. Usage:
 *
 * <pre>{@code
 * var report = new ChaosHarness(ChaosSettings.defaults(ChaosProfiles.named("overload")), System.err::println).run();
 * System.out.print(ChaosReportText.render(report));
 * }</pre>
 *
 * Not thread-safe: one {@link #run()} at a time per instance.
 */
public final class ChaosHarness {
    /** What the runs ask: the demo's arithmetic, weather and search-and-save tasks. */
    public static final List<String> TASKS = DemoCommand.TASKS;
    /** How long cancelled runs get to wind down after the overall timeout. */
    static final Duration WIND_DOWN = Duration.ofSeconds(30);

    private final ChaosSettings settings;
    private final Consumer<String> notices;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    public ChaosHarness(ChaosSettings settings, Consumer<String> notices) {
        this(settings, notices, InstantSource.system(), Sleeper.system(), System::nanoTime);
    }

    /** With the clock, sleeper and nanosecond ticker to use; the runs themselves take real time. */
    public ChaosHarness(ChaosSettings settings, Consumer<String> notices, InstantSource clock, Sleeper sleeper,
            LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Runs the chaos run to its end (or its overall timeout) and reports. Blocks the calling thread. */
    public ChaosReport run() {
        Path dir;
        try {
            dir = Files.createTempDirectory("mainstay-chaos");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the chaos run's notes", e);
        }
        try {
            return runIn(dir);
        } finally {
            deleteQuietly(dir);
        }
    }

    private ChaosReport runIn(Path dir) {
        var recorder = new ReliabilityRecorder(clock);
        var config = runtimeConfig(dir.resolve("notes.db"));
        var deliveries = new DeliveryFailures();
        try (var runtime = MainstayRuntime.start(config, line -> {}, List.of(deliveries), new SimpleMeterRegistry(),
                recorder)) {
            var sim = runtime.simulator().orElseThrow(() -> new IllegalStateException("the chaos harness needs the "
                    + "in-process simulator, but the runtime started without one"));
            var profile = settings.profile();
            var steady = steadyFaults();
            var primary = settings.primaryModel();
            recorder.countPrimaryRequestsWith(() -> sim.stats().countForModel(primary));
            notices.accept("chaos: profile " + profile.name() + ", " + settings.runs() + " runs, " + settings.concurrency()
                    + " at a time, seed " + settings.seed() + ", against the in-process simulator at " + sim.baseUrl());
            var monitor = profile.outage().map(outage -> outageMonitor(outage, runtime, sim, steady, recorder));
            var records = new AtomicReferenceArray<RunRecord>(settings.runs());
            var cancel = new CancellationSource();
            boolean timedOut;
            long began;
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                warmUp(runtime, deliveries, sim, executor, cancel);
                sim.setFaults(steady);
                sim.setWorldFaults(profile.worldFaults());
                sim.resetStats();
                recorder.restart();
                began = nanoTime.getAsLong();
                var monitoring = monitor.map(m -> executor.submit(m::run));
                var plan = new Plan(settings.seed(), settings.runs(), settings.streamShare());
                timedOut = !runAll(runtime, deliveries, plan, "chaos", records, executor, cancel,
                        settings.overallTimeout());
                monitoring.ifPresent(f -> f.cancel(true));
            }
            var elapsed = Duration.ofNanos(nanoTime.getAsLong() - began);
            var stats = sim.stats();
            var outage = monitor.flatMap(m -> m.report(stats.countForModel(primary)));
            var list = new ArrayList<RunRecord>();
            for (int i = 0; i < records.length(); i++) {
                Optional.ofNullable(records.get(i)).ifPresent(list::add);
            }
            return new ChaosReport(settings, list, stats.requests(), stats.byModel(), stats.byOutcome(),
                    sim.worldStats().counts(), recorder.transitions(), recorder.counts(), outage, elapsed, timedOut);
        }
    }

    /**
     * Makes {@code warmupRuns} runs with the profile's latency but no faults, so that the measured runs find a warm
     * JVM, open connections and grown adaptive limits; their results are dropped.
     */
    private void warmUp(MainstayRuntime runtime, DeliveryFailures deliveries, Simulator sim, ExecutorService executor,
            CancellationSource cancel) {
        if (settings.warmupRuns() == 0) {
            return;
        }
        sim.setFaults(FaultProfile.builder().latency(settings.profile().modelFaults().latency()).build());
        sim.setWorldFaults(WorldFaults.NONE);
        var plan = new Plan(settings.seed() + 1, settings.warmupRuns(), settings.streamShare());
        if (!runAll(runtime, deliveries, plan, "warmup", new AtomicReferenceArray<>(settings.warmupRuns()), executor,
                cancel, settings.overallTimeout())) {
            throw new IllegalStateException("the warm-up runs did not finish within --timeout "
                    + settings.overallTimeout().toSeconds() + " s");
        }
    }

    /**
     * Makes the runs of {@code plan} on {@code concurrency} workers; false when {@code timeout} passed first, in which
     * case the runs still going are cancelled and given {@link #WIND_DOWN} to end.
     */
    private boolean runAll(MainstayRuntime runtime, DeliveryFailures deliveries, Plan plan, String prefix,
            AtomicReferenceArray<RunRecord> records, ExecutorService executor, CancellationSource cancel,
            Duration timeout) {
        var next = new AtomicInteger();
        var agent = runtime.agent();
        long first = nanoTime.getAsLong();
        int workers = Math.min(settings.concurrency(), plan.tasks().length);
        var futures = IntStream.range(0, workers)
                .mapToObj(w -> executor.submit(() -> work(runtime, deliveries, agent, plan, prefix, next, records,
                        cancel, first)))
                .toList();
        if (awaitAll(futures, timeout)) {
            return true;
        }
        notices.accept("chaos: the overall timeout of " + timeout.toSeconds() + " s passed; cancelling the runs"
                + " still going");
        cancel.cancel();
        awaitAll(futures, WIND_DOWN);
        return false;
    }

    /** Which task and whether to stream, per run, drawn once from the seed. */
    private record Plan(int[] tasks, boolean[] stream) {
        Plan(long seed, int runs, double streamShare) {
            this(new int[runs], new boolean[runs]);
            var random = new SplittableRandom(seed);
            for (int i = 0; i < runs; i++) {
                tasks[i] = i % TASKS.size();
                stream[i] = random.nextDouble() < streamShare;
            }
        }
    }

    private void work(MainstayRuntime runtime, DeliveryFailures deliveries, AgentSpec agent, Plan plan, String prefix,
            AtomicInteger next, AtomicReferenceArray<RunRecord> records, CancellationSource cancel, long first) {
        var streaming = agent.withStream(true);
        var plain = agent.withStream(false);
        for (int i = next.getAndIncrement(); i < plan.tasks().length && !cancel.isCancelled();
                i = next.getAndIncrement()) {
            if (!waitForTurn(i, first)) {
                return;
            }
            int task = plan.tasks()[i];
            boolean stream = plan.stream()[i];
            var request = new RunRequest(prefix + "_" + settings.seed() + "_" + i, RunRequest.DEFAULT_TENANT, "chaos",
                    TASKS.get(task));
            long start = nanoTime.getAsLong();
            try {
                var result = runtime.loop().run(stream ? streaming : plain, request, cancel);
                int resumes = 0;
                while (result.stopReason() == RunStopReason.FAILED && resumes < settings.resumesAfterDelivery()
                        && deliveries.takeFailedAfterDelivery(request.runId()) && !cancel.isCancelled()) {
                    var left = settings.runDeadline().minusNanos(nanoTime.getAsLong() - start);
                    if (left.isNegative() || left.isZero()) {
                        break;
                    }
                    var spec = stream ? streaming : plain;
                    result = runtime.loop().run(spec.withLimits(spec.limits().withDeadline(left)), request, cancel);
                    resumes++;
                }
                var took = Duration.ofNanos(nanoTime.getAsLong() - start);
                records.set(i, RunRecord.of(i, task, stream, result, settings.primaryModel(), settings.runDeadline(),
                        took, resumes));
            } catch (RuntimeException bug) {
                // the loop turns every expected failure into a result: this is a bug, counted as a failed run
                var took = Duration.ofNanos(nanoTime.getAsLong() - start);
                var overrun = took.minus(settings.runDeadline());
                records.set(i, new RunRecord(i, task, stream, RunOutcome.FAILED, RunStopReason.FAILED,
                        Optional.of("harness_exception_" + bug.getClass().getSimpleName()), took,
                        overrun.isNegative() ? Duration.ZERO : overrun, 0, 0, 0, 0, 0));
            }
        }
    }

    /** With a {@code runsPerSecond} pace, waits until run {@code i}'s start time; false when interrupted. */
    private boolean waitForTurn(int i, long first) {
        if (settings.runsPerSecond() <= 0) {
            return true;
        }
        long due = first + (long) (i * 1e9 / settings.runsPerSecond());
        try {
            sleeper.sleep(Duration.ofNanos(Math.max(0, due - nanoTime.getAsLong())));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for every future up to {@code timeout} in total; false when time ran out first. */
    private boolean awaitAll(List<? extends Future<?>> futures, Duration timeout) {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        for (var future : futures) {
            try {
                future.get(Math.max(0, deadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a chaos worker failed", e.getCause());
            }
        }
        return true;
    }

    private OutageMonitor outageMonitor(ChaosProfile.Outage outage, MainstayRuntime runtime, Simulator sim,
            FaultProfile steady, ReliabilityRecorder recorder) {
        var reliability = runtime.reliability();
        if (!(reliability.modelClient() instanceof FallbackModelClient fallback)) {
            throw new IllegalStateException("the chaos harness expects the reliability stack's fallback client");
        }
        var primary = fallback.endpoints().getFirst();
        return new OutageMonitor(outage, sim, steady, settings.primaryModel(), primary.client(),
                reliability.modelBreakers().getFirst(), settings.reliability().modelBreaker().waitDurationInOpenState(),
                reliability.retryBudgets().getFirst(), recorder, sleeper, clock, nanoTime);
    }

    private FaultProfile steadyFaults() {
        var profile = settings.profile();
        return profile.modelFaults().forModels(
                profile.scope() == Scope.PRIMARY ? Set.of(settings.primaryModel()) : Set.of());
    }

    private MainstayConfig runtimeConfig(Path notesDb) {
        var tools = new ReferenceToolsConfig(OpenMeteoClient.DEFAULT_GEOCODING_URL,
                OpenMeteoClient.DEFAULT_FORECAST_URL, new SearchSettings.None(), settings.toolTimeout(), notesDb);
        var limits = dev.mainstay.agent.RunLimits.DEFAULTS.withDeadline(settings.runDeadline());
        // no API key: the runtime starts the simulator in-process and points the client and the tools at it
        return new MainstayConfig(Optional.empty(), AnthropicConfig.DEFAULT_BASE_URL, settings.primaryModel(), limits,
                false, settings.seed(), "chaos", MainstayConfig.LogFormat.TEXT, tools, false, settings.reliability(),
                PriceTable.anthropicDefaults(), Optional.empty());
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
