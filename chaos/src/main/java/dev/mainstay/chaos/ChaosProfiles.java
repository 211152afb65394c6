package dev.mainstay.chaos;

import dev.mainstay.chaos.ChaosProfile.Outage;
import dev.mainstay.chaos.ChaosProfile.Scope;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Latency;
import dev.mainstay.sim.WorldFaults;
import dev.mainstay.sim.WorldFaults.RouteFaults;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in chaos profiles of issue 4. {@code bench/chaos/profiles/*.json} hold the same definitions as files
 * (written by {@code mainstay chaos --print-profile NAME}); the committed benchmark runs those files.
 */
public final class ChaosProfiles {
    /** The names {@link #named(String)} accepts. */
    public static final List<String> NAMES = List.of("none", "overload", "outage", "flaky-tools",
            "sustained-overload", "overload-everywhere", "rate-limit-storm", "hang");

    /**
     * Every simulated model answer: 20 ms plus up to 60 ms to the first byte, then 2 ms per output token (so a
     * stream's deltas arrive over time and a mid-stream error comes after real delivery).
     */
    public static final Latency MODEL_LATENCY =
            new Latency(Duration.ofMillis(20), Duration.ofMillis(60), Duration.ofMillis(2));

    private ChaosProfiles() {}

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public static ChaosProfile named(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> none();
            case "overload" -> overload();
            case "outage" -> outage();
            case "flaky-tools" -> flakyTools();
            case "sustained-overload" -> sustainedOverload();
            case "overload-everywhere" -> overloadEverywhere();
            case "rate-limit-storm" -> rateLimitStorm();
            case "hang" -> hang();
            case "crash" -> throw new IllegalArgumentException("the crash profile kills whole serve processes, so "
                    + "it runs outside this process: ./mainstay chaos --profile crash (bench/run-crash-suite.sh)");
            default -> throw new IllegalArgumentException("unknown chaos profile '" + name + "'; known profiles: "
                    + String.join(", ", NAMES));
        };
    }

    /** Latency only: the control. Every run succeeds, one request per step. */
    public static ChaosProfile none() {
        var faults = FaultProfile.builder().latency(MODEL_LATENCY).build();
        return new ChaosProfile("none", "no faults, model latency only (the control)", faults, Scope.ALL_MODELS,
                WorldFaults.NONE, Optional.empty(),
                ChaosTargets.NONE.withMinSuccessRate(1.0).withMaxAmplification(1.0));
    }

    /** A provider-wide overload: 20 % 529, 5 % 429 with retry-after, 2 % mid-stream overloaded_error, 1 % hang. */
    public static ChaosProfile overload() {
        var faults = FaultProfile.builder()
                .latency(MODEL_LATENCY)
                .rate529(0.20)
                .rate429(0.05)
                .retryAfter(Duration.ofSeconds(1))
                .midStreamOverloadRate(0.02)
                .hangRate(0.01)
                .build();
        // 1 % of attempts hang: cut at 5 s (production: 5 min, which would spend the run's 30 s deadline on one hang).
        // With 28 % of every model's requests failing independently and retries capped at 20 % of first attempts
        // per endpoint, about 1 call in 50 must fail even with perfect use of both budgets (docs/benchmarks): the
        // finished-rate target is a floor against regressions, the retry target is the point
        return new ChaosProfile("overload",
                "every model: 20% 529, 5% 429 (retry-after 1s), 2% mid-stream overloaded_error, 1% hang",
                faults, Scope.ALL_MODELS, WorldFaults.NONE, Optional.empty(),
                ChaosTargets.NONE.withMinFinishedRate(0.75).withMaxRetriesPerFirstAttempt(0.25),
                ProfileDefaults.NONE.withAttemptTimeout(Duration.ofSeconds(5)));
    }

    /** The primary model answers 529 to everything for 10 s, starting 3 s in, then recovers. */
    public static ChaosProfile outage() {
        var steady = FaultProfile.builder().latency(MODEL_LATENCY).build();
        var down = FaultProfile.builder().latency(MODEL_LATENCY).rate529(1.0).build();
        // 1000 runs at 40 a second: the runs last 25 s, so they outlive the window that ends at 13 s
        return new ChaosProfile("outage", "the primary model answers 529 to every request for 10 s, then recovers",
                steady, Scope.ALL_MODELS, WorldFaults.NONE,
                Optional.of(new Outage(Duration.ofSeconds(3), Duration.ofSeconds(10), down)),
                ChaosTargets.NONE.withMinFinishedRate(1.0).withOutageTargets(Duration.ofMillis(1)),
                ProfileDefaults.NONE.withLoad(1000, 50, 40));
    }

    /** The primary answers half its requests 529 for 60 s; the fallback is healthy. 300 runs at 4 a second. */
    public static ChaosProfile sustainedOverload() {
        var steady = FaultProfile.builder().latency(MODEL_LATENCY).build();
        var half = FaultProfile.builder().latency(MODEL_LATENCY).rate529(0.5).build();
        return new ChaosProfile("sustained-overload",
                "the primary answers 50% 529 for 60 s from 5 s in; the fallback is healthy; 4 runs a second", steady,
                Scope.ALL_MODELS, WorldFaults.NONE,
                Optional.of(new Outage(Duration.ofSeconds(5), Duration.ofSeconds(60), half, ChaosProfile.Target.PRIMARY)),
                ChaosTargets.NONE.withMinFinishedRate(0.995).withMaxRetriesPerFirstAttempt(0.25),
                ProfileDefaults.NONE.withLoad(300, 50, 4));
    }

    /** Every model answers half its requests 529 for 60 s. 300 runs at 4 a second. */
    public static ChaosProfile overloadEverywhere() {
        var steady = FaultProfile.builder().latency(MODEL_LATENCY).build();
        var half = FaultProfile.builder().latency(MODEL_LATENCY).rate529(0.5).build();
        return new ChaosProfile("overload-everywhere",
                "every model answers 50% 529 for 60 s from 5 s in; 4 runs a second", steady, Scope.ALL_MODELS,
                WorldFaults.NONE,
                Optional.of(new Outage(Duration.ofSeconds(5), Duration.ofSeconds(60), half, ChaosProfile.Target.ALL)),
                ChaosTargets.NONE.withRetriesWithinBudget(), ProfileDefaults.NONE.withLoad(300, 50, 4));
    }

    /** The primary answers every request 429 with retry-after 20 for 30 s; the fallback is healthy. 200 runs. */
    public static ChaosProfile rateLimitStorm() {
        var steady = FaultProfile.builder().latency(MODEL_LATENCY).build();
        var limited = FaultProfile.builder().latency(MODEL_LATENCY).rate429(1.0).retryAfter(Duration.ofSeconds(20))
                .build();
        return new ChaosProfile("rate-limit-storm",
                "the primary answers 429 with retry-after 20 to every request for 30 s from 5 s in; the fallback is "
                        + "healthy; 4 runs a second", steady, Scope.ALL_MODELS, WorldFaults.NONE,
                Optional.of(new Outage(Duration.ofSeconds(5), Duration.ofSeconds(30), limited,
                        ChaosProfile.Target.PRIMARY)),
                ChaosTargets.NONE.withMinFinishedRate(0.995).withMaxLatencyP99(Duration.ofSeconds(3))
                        .withMaxProbesPerRetryAfter(1),
                ProfileDefaults.NONE.withLoad(200, 50, 4));
    }

    /** No model ever answers: every run must end as deadline_exceeded, on time, the cold first calls included. */
    public static ChaosProfile hang() {
        var never = FaultProfile.builder().hangRate(1.0).build();
        return new ChaosProfile("hang",
                "no model ever answers (the connection is held open); 5 s run deadline, no warm-up", never,
                Scope.ALL_MODELS, WorldFaults.NONE, Optional.empty(),
                ChaosTargets.NONE.withEveryRunEndingAs("deadline_exceeded")
                        .withMaxDeadlineOverrun(Duration.ofMillis(100)),
                ProfileDefaults.NONE.withLoad(20, 5, 0).withWarmup(0).withRunDeadline(Duration.ofSeconds(5)));
    }

    /** The weather and search backends fail 30 % of requests (500/503) and hang on 5 %. */
    public static ChaosProfile flakyTools() {
        var faults = FaultProfile.builder().latency(MODEL_LATENCY).build();
        var world = WorldFaults.everywhere(new RouteFaults(0.30, 0.05));
        return new ChaosProfile("flaky-tools",
                "weather and search backends: 30% HTTP 500/503, 5% hang (per request)", faults, Scope.ALL_MODELS,
                world, Optional.empty(),
                ChaosTargets.NONE.withMinFinishedRate(1.0).withMaxDeadlineOverrun(Duration.ofSeconds(1)));
    }
}
