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
    public static final List<String> NAMES = List.of("none", "overload", "outage", "flaky-tools");

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
        return new ChaosProfile("overload",
                "every model: 20% 529, 5% 429 (retry-after 1s), 2% mid-stream overloaded_error, 1% hang",
                faults, Scope.ALL_MODELS, WorldFaults.NONE, Optional.empty(),
                ChaosTargets.NONE.withMinFinishedRate(0.995).withMaxAmplification(1.3));
    }

    /** The primary model answers 529 to everything for 10 s, starting 3 s in, then recovers. */
    public static ChaosProfile outage() {
        var steady = FaultProfile.builder().latency(MODEL_LATENCY).build();
        var down = FaultProfile.builder().latency(MODEL_LATENCY).rate529(1.0).build();
        return new ChaosProfile("outage", "the primary model answers 529 to every request for 10 s, then recovers",
                steady, Scope.ALL_MODELS, WorldFaults.NONE,
                Optional.of(new Outage(Duration.ofSeconds(3), Duration.ofSeconds(10), down)),
                ChaosTargets.NONE.withMinFinishedRate(1.0).withOutageTargets(Duration.ofMillis(1)));
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
