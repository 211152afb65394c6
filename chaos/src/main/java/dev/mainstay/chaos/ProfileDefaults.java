package dev.mainstay.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How a profile is run when the command line does not say: its load (runs, concurrency, arrival rate, warm-up) and
 * deadline, and the few reliability settings it needs to differ from production (each printed in the report as a
 * difference from production). A flag always wins; an absent value leaves the harness's or production's default.
 *
 * @param attemptTimeout the model attempt timeout (production: 5 min); a profile with hangs cuts them short so that
 *     the run can retry within its deadline
 * @param breakerOpen how long breakers stay open (production: 30 s)
 * @param noFallback whether the profile runs without a fallback model
 */
public record ProfileDefaults(OptionalInt runs, OptionalInt concurrency, OptionalDouble runsPerSecond,
        OptionalInt warmupRuns, Optional<Duration> runDeadline, Optional<Duration> attemptTimeout,
        Optional<Duration> breakerOpen, boolean noFallback) {

    public static final ProfileDefaults NONE = new ProfileDefaults(OptionalInt.empty(), OptionalInt.empty(),
            OptionalDouble.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    public ProfileDefaults {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(runsPerSecond, "runsPerSecond");
        Objects.requireNonNull(warmupRuns, "warmupRuns");
        Objects.requireNonNull(runDeadline, "runDeadline");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(breakerOpen, "breakerOpen");
        var problems = new ArrayList<String>();
        runs.ifPresent(n -> check(problems, n >= 1, "defaults.runs must be at least 1, but was " + n));
        concurrency.ifPresent(n -> check(problems, n >= 1, "defaults.concurrency must be at least 1, but was " + n));
        warmupRuns.ifPresent(n -> check(problems, n >= 0, "defaults.warmup_runs must not be negative, but was " + n));
        runsPerSecond.ifPresent(r -> check(problems, r >= 0, "defaults.runs_per_second must not be negative"));
        runDeadline.ifPresent(d -> check(problems, d.toMillis() > 0, "defaults.run_deadline_ms must be positive"));
        attemptTimeout.ifPresent(d -> check(problems, d.toMillis() > 0,
                "defaults.attempt_timeout_ms must be positive"));
        breakerOpen.ifPresent(d -> check(problems, d.toMillis() > 0, "defaults.breaker_open_ms must be positive"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void check(ArrayList<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    public ProfileDefaults withLoad(int runCount, int parallel, double perSecond) {
        return new ProfileDefaults(OptionalInt.of(runCount), OptionalInt.of(parallel), OptionalDouble.of(perSecond),
                warmupRuns, runDeadline, attemptTimeout, breakerOpen, noFallback);
    }

    public ProfileDefaults withWarmup(int n) {
        return new ProfileDefaults(runs, concurrency, runsPerSecond, OptionalInt.of(n), runDeadline, attemptTimeout,
                breakerOpen, noFallback);
    }

    public ProfileDefaults withRunDeadline(Duration value) {
        return new ProfileDefaults(runs, concurrency, runsPerSecond, warmupRuns, Optional.of(value), attemptTimeout,
                breakerOpen, noFallback);
    }

    public ProfileDefaults withAttemptTimeout(Duration value) {
        return new ProfileDefaults(runs, concurrency, runsPerSecond, warmupRuns, runDeadline, Optional.of(value),
                breakerOpen, noFallback);
    }

    public ProfileDefaults withBreakerOpen(Duration value) {
        return new ProfileDefaults(runs, concurrency, runsPerSecond, warmupRuns, runDeadline, attemptTimeout,
                Optional.of(value), noFallback);
    }

    public ProfileDefaults withoutFallback() {
        return new ProfileDefaults(runs, concurrency, runsPerSecond, warmupRuns, runDeadline, attemptTimeout,
                breakerOpen, true);
    }
}
