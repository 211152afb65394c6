package dev.mainstay.sim.internal;

import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.time.Sleeper;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the request handlers share, wired once by the simulator.
 *
 * @param faults the current fault profile (replaceable at run time)
 * @param brain the current brain (follows the mode unless an explicit brain was configured)
 * @param sleeper applies latency; in production a pause that {@link Holds#releaseAll()} cuts short
 * @param holds hung requests and pauses, released on close
 * @param clock the time of day, for the dates in rate-limit headers and usage-limit messages
 */
public record Services(
        Supplier<FaultProfile> faults,
        Supplier<Brain> brain,
        Sleeper sleeper,
        Holds holds,
        RequestRandoms randoms,
        PromptCache cache,
        StatsRecorder stats,
        RateLimits rateLimits,
        InstantSource clock) {

    public Services {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(brain, "brain");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(randoms, "randoms");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(clock, "clock");
    }
}
