package dev.mainstay.chaos;

import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.chaos.ChaosProfile.Scope;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.model.ModelChain;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs the reference agent many times at once against the in-process simulator with a {@link ChaosProfile}'s faults,
 * and counts what happened. The runtime is {@link MainstayRuntime}, the same composition root as {@code mainstay ask}
 * (simulator → official SDK client → reliability stack → agent loop, tools pointed at the simulator's world), with
 * the harness's settings: primary and fallback model, retry tuning, deadlines. It never uses an API key, so it never
 * reaches a real provider.
 *
 * <p>First, {@code warmupRuns} fault-free runs warm the JVM on a runtime that is then closed; the measured runs get
 * a fresh one. Runs are taken in order by {@code concurrency} virtual threads ({@link RunDriver}); run {@code i} gets
 * demo task {@code i mod 3} and streams with probability {@code streamShare} (drawn from the seed). Every run is
 * bounded by its deadline and the whole chaos run by {@code overallTimeout}: when that passes, runs still going are
 * cancelled and the report says so. Usage:
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
    public static final List<String> TASKS = dev.mainstay.runtime.ReferenceAgent.EXAMPLE_TASKS;

    private final ChaosSettings settings;
    private final Consumer<String> notices;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final RunDriver driver;

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
        this.driver = new RunDriver(settings, notices, sleeper, nanoTime);
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
        warmUp(dir.resolve("warmup-notes.db"));
        var recorder = new ReliabilityRecorder(clock);
        var config = runtimeConfig(dir.resolve("notes.db"));
        var deliveries = new DeliveryFailures();
        try (var runtime = MainstayRuntime.start(config, RuntimeOptions.defaults().withListener(deliveries)
                .withReliabilityListener(recorder))) {
            var sim = simulatorOf(runtime);
            var profile = settings.profile();
            var steady = steadyFaults();
            var measured = profile.outage().map(o -> o.target() == ChaosProfile.Target.FALLBACK && settings.hasFallback()
                    ? settings.fallbackModel() : settings.primaryModel()).orElse(settings.primaryModel());
            sim.setFaults(steady);
            sim.setWorldFaults(profile.worldFaults());
            recorder.countPrimaryRequestsWith(() -> sim.stats().countForModel(measured));
            notices.accept("chaos: profile " + profile.name() + ", " + settings.runs() + " runs, "
                    + settings.concurrency() + " at a time, seed " + settings.seed()
                    + ", against the in-process simulator at " + sim.baseUrl());
            var monitor = profile.outage().map(outage -> outageMonitor(outage, runtime, sim, steady, recorder,
                    measured));
            var records = new AtomicReferenceArray<RunRecord>(settings.runs());
            boolean timedOut;
            recorder.restart();
            var figuresAtStart = runtime.reliability().figures();
            long began = nanoTime.getAsLong();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                var monitoring = monitor.map(m -> executor.submit(m::run));
                timedOut = !driver.runAll(runtime, deliveries, settings.seed(), "chaos", records, executor);
                monitoring.ifPresent(f -> f.cancel(true));
            }
            var elapsed = Duration.ofNanos(nanoTime.getAsLong() - began);
            var stats = sim.stats();
            var outage = monitor.flatMap(m -> m.report(stats.countForModel(measured)));
            var endpoints = new java.util.LinkedHashMap<String, dev.mainstay.reliability.EndpointFigures>();
            runtime.reliability().figures().forEach((name, atEnd) -> endpoints.put(name,
                    atEnd.minus(figuresAtStart.getOrDefault(name, dev.mainstay.reliability.EndpointFigures.ZERO))));
            var list = new ArrayList<RunRecord>();
            for (int i = 0; i < records.length(); i++) {
                Optional.ofNullable(records.get(i)).ifPresent(list::add);
            }
            return new ChaosReport(settings, list, stats.requests(), stats.byModel(), stats.byOutcome(),
                    sim.worldStats().counts(), recorder.transitions(), recorder.counts(), outage, elapsed, timedOut,
                    endpoints, recorder.rateLimitWaits());
        }
    }

    /**
     * Makes {@code warmupRuns} runs with the profile's latency but no faults on a runtime of their own, then closes
     * it: the measured runs find a warm JVM (loaded classes, compiled code) but a fresh runtime, so nothing a cold
     * start did to breakers, budgets or adaptive limits leaks into the figures.
     */
    private void warmUp(Path notesDb) {
        if (settings.warmupRuns() == 0) {
            return;
        }
        var deliveries = new DeliveryFailures();
        try (var runtime = MainstayRuntime.start(runtimeConfig(notesDb),
                RuntimeOptions.defaults().withListener(deliveries));
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            simulatorOf(runtime).setFaults(FaultProfile.builder()
                    .latency(settings.profile().modelFaults().latency()).build());
            if (!driver.runAll(runtime, deliveries, settings.seed() + 1, "warmup",
                    new AtomicReferenceArray<>(settings.warmupRuns()), executor)) {
                throw new IllegalStateException("the warm-up runs did not finish within --timeout "
                        + settings.overallTimeout().toSeconds() + " s");
            }
        }
    }

    private static Simulator simulatorOf(MainstayRuntime runtime) {
        return runtime.simulator().orElseThrow(() -> new IllegalStateException("the chaos harness needs the "
                + "in-process simulator, but the runtime started without one"));
    }

    private OutageMonitor outageMonitor(ChaosProfile.Outage outage, MainstayRuntime runtime, Simulator sim,
            FaultProfile steady, ReliabilityRecorder recorder, String measuredModel) {
        var reliability = runtime.reliability();
        var endpoint = reliability.endpoints().stream().filter(e -> e.model().equals(measuredModel)).findFirst()
                .orElse(reliability.endpoints().getFirst());
        // the endpoint's own links, without the fallback: the same breaker, budget and limit the runs share
        var endpointChain = ModelChain.builder(List.of(endpoint), PriceTable.anthropicDefaults())
                .add(ModelChain.Slot.BREAKER, reliability.modelBreaker())
                .add(ModelChain.Slot.RETRY, reliability.retry())
                .add(ModelChain.Slot.CONCURRENCY, reliability.concurrency())
                .add(ModelChain.Slot.DEADLINE, reliability.deadline())
                .build();
        Set<String> targets = switch (outage.target()) {
            case PRIMARY -> Set.of(settings.primaryModel());
            case FALLBACK -> settings.hasFallback() ? Set.of(settings.fallbackModel()) : Set.of(settings.primaryModel());
            case ALL -> Set.of();
        };
        return new OutageMonitor(outage, sim, steady, targets, measuredModel, endpoint.name(), endpointChain,
                reliability, settings.reliability().modelBreaker().waitDurationInOpenState(), recorder, sleeper,
                clock, nanoTime);
    }

    private FaultProfile steadyFaults() {
        var profile = settings.profile();
        return profile.modelFaults().forModels(
                profile.scope() == Scope.PRIMARY ? Set.of(settings.primaryModel()) : Set.of());
    }

    private MainstayConfig runtimeConfig(Path notesDb) {
        var tools = new ReferenceToolsConfig(OpenMeteoClient.DEFAULT_GEOCODING_URL,
                OpenMeteoClient.DEFAULT_FORECAST_URL, new SearchSettings.None(), settings.toolTimeout(), notesDb);
        var limits = dev.mainstay.run.RunLimits.DEFAULTS.withDeadline(settings.runDeadline());
        // no API key: the runtime starts the simulator in-process and points the client and the tools at it
        return new MainstayConfig(Optional.empty(), AnthropicConfig.DEFAULT_BASE_URL, settings.primaryModel(), limits,
                false, settings.seed(), "chaos", MainstayConfig.LogFormat.TEXT, tools, false, settings.reliability(),
                PriceTable.anthropicDefaults(), Optional.empty(), 0, dev.mainstay.sim.Latency.ZERO);
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
