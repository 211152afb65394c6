package dev.mainstay.chaos;

import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a chaos run is driven. Immutable; every problem is reported at once when built.
 *
 * @param runs how many agent runs to make, 1 to {@value #MAX_RUNS}
 * @param concurrency how many run at once, 1 to {@value #MAX_CONCURRENCY} and at most {@code runs}
 * @param warmupRuns runs made first without faults and left out of the figures (JIT, connection pools, adaptive
 *     limits), 0 to {@value #MAX_RUNS}
 * @param seed seeds the simulator's fault draws and the choice of task and streaming per run
 * @param streamShare the share of runs that stream their model calls (so mid-stream errors can happen), 0 to 1
 * @param runDeadline each run's deadline
 * @param toolTimeout each tool call's own timeout, shorter than {@code runDeadline}
 * @param overallTimeout the harness cancels what is still running after this long and reports it
 * @param primaryModel the model the agent asks first
 * @param fallbackModel the model asked when the primary cannot answer; must differ from the primary;
 *     {@value #NO_FALLBACK} runs without a fallback
 * @param reliability the reliability settings; its fallback models are replaced by {@code fallbackModel}
 * @param runsPerSecond when positive, run {@code i} starts no earlier than {@code i / runsPerSecond} seconds after
 *     the first (an arrival rate, as users would bring), still at most {@code concurrency} at a time; 0 starts each
 *     run as soon as a worker is free
 * @param resumesAfterDelivery how many times a run whose model call failed after streaming text (which the retry
 *     layer never retries) is resumed from its journal, within its original deadline, as a worker would; 0 to
 *     {@value #MAX_RESUMES}
 */
public record ChaosSettings(
        ChaosProfile profile, int runs, int concurrency, int warmupRuns, long seed, double streamShare,
        Duration runDeadline, Duration toolTimeout, Duration overallTimeout, String primaryModel, String fallbackModel,
        ReliabilityConfig reliability, double runsPerSecond, int resumesAfterDelivery) {

    public static final int MAX_RUNS = 100_000;
    public static final int MAX_CONCURRENCY = 1_000;
    public static final int MAX_RESUMES = 10;
    public static final int DEFAULT_RUNS = 500;
    public static final int DEFAULT_CONCURRENCY = 50;
    public static final int DEFAULT_WARMUP_RUNS = 50;
    public static final long DEFAULT_SEED = 7;
    public static final double DEFAULT_STREAM_SHARE = 0.3;
    public static final Duration DEFAULT_RUN_DEADLINE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OVERALL_TIMEOUT = Duration.ofMinutes(15);
    public static final String DEFAULT_PRIMARY = "claude-sonnet-5-5";
    public static final String DEFAULT_FALLBACK = "claude-haiku-4-5";
    /** The {@code fallbackModel} that means: no fallback endpoint. */
    public static final String NO_FALLBACK = "none";

    public ChaosSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(runDeadline, "runDeadline");
        Objects.requireNonNull(toolTimeout, "toolTimeout");
        Objects.requireNonNull(overallTimeout, "overallTimeout");
        Objects.requireNonNull(reliability, "reliability");
        var problems = new ArrayList<String>();
        if (runs < 1 || runs > MAX_RUNS) {
            problems.add("--runs must be between 1 and " + MAX_RUNS + ", but was " + runs);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            problems.add("--concurrency must be between 1 and " + MAX_CONCURRENCY + ", but was " + concurrency);
        } else if (runs >= 1 && concurrency > runs) {
            problems.add("--concurrency must be at most --runs (" + runs + "), but was " + concurrency);
        }
        if (warmupRuns < 0 || warmupRuns > MAX_RUNS) {
            problems.add("--warmup must be between 0 and " + MAX_RUNS + ", but was " + warmupRuns);
        }
        if (!(streamShare >= 0 && streamShare <= 1)) {
            problems.add("--stream-share must be between 0 and 1, but was " + streamShare);
        }
        positive(problems, "--run-deadline", runDeadline);
        positive(problems, "--tool-timeout", toolTimeout);
        positive(problems, "--timeout", overallTimeout);
        if (toolTimeout.compareTo(runDeadline) >= 0 && !runDeadline.isNegative()) {
            problems.add("--tool-timeout must be shorter than --run-deadline (" + runDeadline.toMillis()
                    + "ms), but was " + toolTimeout.toMillis() + "ms");
        }
        if (primaryModel == null || primaryModel.isBlank()) {
            problems.add("--primary must not be blank");
        }
        if (fallbackModel == null || fallbackModel.isBlank()) {
            problems.add("--fallback must not be blank (use '" + NO_FALLBACK + "' for none)");
        } else if (fallbackModel.equals(primaryModel)) {
            problems.add("--fallback must differ from --primary, but both were '" + fallbackModel + "'");
        }
        if (!(runsPerSecond >= 0 && runsPerSecond <= 100_000)) {
            problems.add("--rate must be between 0 and 100000 runs per second, but was " + runsPerSecond);
        }
        if (resumesAfterDelivery < 0 || resumesAfterDelivery > MAX_RESUMES) {
            problems.add("--resume-after-delivery must be between 0 and " + MAX_RESUMES + ", but was "
                    + resumesAfterDelivery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        reliability = withFallback(reliability, fallbackModel);
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, but was " + value.toMillis() + "ms");
        }
    }

    /**
     * The settings {@code profile} runs with when no flag says otherwise: the {@code DEFAULT_*} values and
     * production's reliability settings, each overridden by the profile's own {@link ProfileDefaults}.
     */
    public static ChaosSettings defaults(ChaosProfile profile) {
        var d = profile.defaults();
        int runs = d.runs().orElse(DEFAULT_RUNS);
        return new ChaosSettings(profile, runs, Math.min(runs, d.concurrency().orElse(DEFAULT_CONCURRENCY)),
                d.warmupRuns().orElse(DEFAULT_WARMUP_RUNS), DEFAULT_SEED, DEFAULT_STREAM_SHARE,
                d.runDeadline().orElse(DEFAULT_RUN_DEADLINE), toolTimeoutWithin(d.runDeadline().orElse(DEFAULT_RUN_DEADLINE)),
                DEFAULT_OVERALL_TIMEOUT,
                DEFAULT_PRIMARY, d.noFallback() ? NO_FALLBACK : DEFAULT_FALLBACK, reliabilityFor(d),
                d.runsPerSecond().orElse(0), 0);
    }

    /** The default tool timeout, or half the run's deadline when that is shorter. */
    private static Duration toolTimeoutWithin(Duration runDeadline) {
        return DEFAULT_TOOL_TIMEOUT.compareTo(runDeadline) < 0 ? DEFAULT_TOOL_TIMEOUT : runDeadline.dividedBy(2);
    }

    /** Production's reliability settings: what a chaos run uses unless a profile default or a flag changes them. */
    public static ReliabilityConfig harnessReliability() {
        return ReliabilityConfig.DEFAULT;
    }

    private static ReliabilityConfig reliabilityFor(ProfileDefaults d) {
        var r = ReliabilityConfig.DEFAULT;
        var open = d.breakerOpen();
        return new ReliabilityConfig(r.retry(), r.retryBudget(),
                open.map(r.modelBreaker()::withWaitDurationInOpenState).orElse(r.modelBreaker()),
                open.map(r.toolBreaker()::withWaitDurationInOpenState).orElse(r.toolBreaker()), List.of(),
                r.toolBulkhead(), r.modelConcurrency(), d.attemptTimeout().orElse(r.modelAttemptTimeout()));
    }

    private static ReliabilityConfig withFallback(ReliabilityConfig r, String fallback) {
        return new ReliabilityConfig(r.retry(), r.retryBudget(), r.modelBreaker(), r.toolBreaker(),
                NO_FALLBACK.equals(fallback) ? List.of() : List.of(fallback), r.toolBulkhead(), r.modelConcurrency(),
                r.modelAttemptTimeout());
    }

    /** Whether the runs have a fallback endpoint. */
    public boolean hasFallback() {
        return !NO_FALLBACK.equals(fallbackModel);
    }

    /** These settings with the retry backoff's first cap and largest delay. */
    public ChaosSettings withBackoff(Duration baseDelay, Duration maxDelay) {
        var r = reliability;
        return withReliability(new ReliabilityConfig(r.retry().withBaseDelay(baseDelay).withMaxDelay(maxDelay)
                        .withMaxHintDelay(max(maxDelay, r.retry().maxHintDelay())), r.retryBudget(), r.modelBreaker(),
                r.toolBreaker(), r.fallbackModels(), r.toolBulkhead(), r.modelConcurrency(), r.modelAttemptTimeout()));
    }

    /** These settings with each model attempt's timeout. */
    public ChaosSettings withAttemptTimeout(Duration value) {
        var r = reliability;
        return withReliability(new ReliabilityConfig(r.retry(), r.retryBudget(), r.modelBreaker(), r.toolBreaker(),
                r.fallbackModels(), r.toolBulkhead(), r.modelConcurrency(), value));
    }

    /** These settings with how long every breaker stays open. */
    public ChaosSettings withBreakerOpen(Duration value) {
        var r = reliability;
        return withReliability(new ReliabilityConfig(r.retry(), r.retryBudget(),
                r.modelBreaker().withWaitDurationInOpenState(value), r.toolBreaker().withWaitDurationInOpenState(value),
                r.fallbackModels(), r.toolBulkhead(), r.modelConcurrency(), r.modelAttemptTimeout()));
    }

    /** These settings with the retry budget's floor, in retries per second per endpoint. */
    public ChaosSettings withBudgetMinPerSecond(double value) {
        var r = reliability;
        return withReliability(new ReliabilityConfig(r.retry(), r.retryBudget().withMinRetriesPerSecond(value),
                r.modelBreaker(), r.toolBreaker(), r.fallbackModels(), r.toolBulkhead(), r.modelConcurrency(),
                r.modelAttemptTimeout()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public ChaosSettings withRuns(int n, int parallel) {
        return new ChaosSettings(profile, n, parallel, warmupRuns, seed, streamShare, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, reliability, runsPerSecond, resumesAfterDelivery);
    }

    public ChaosSettings withWarmup(int n) {
        return new ChaosSettings(profile, runs, concurrency, n, seed, streamShare, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, reliability, runsPerSecond, resumesAfterDelivery);
    }

    public ChaosSettings withSeed(long value) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, value, streamShare, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, reliability, runsPerSecond, resumesAfterDelivery);
    }

    public ChaosSettings withStreamShare(double value) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, seed, value, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, reliability, runsPerSecond, resumesAfterDelivery);
    }

    public ChaosSettings withDeadlines(Duration run, Duration tool, Duration overall) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, seed, streamShare, run, tool, overall,
                primaryModel, fallbackModel, reliability, runsPerSecond, resumesAfterDelivery);
    }

    public ChaosSettings withModels(String primary, String fallback) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, seed, streamShare, runDeadline, toolTimeout,
                overallTimeout, primary, fallback, reliability, runsPerSecond, resumesAfterDelivery);
    }

    public ChaosSettings withRate(double perSecond) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, seed, streamShare, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, reliability, perSecond, resumesAfterDelivery);
    }

    public ChaosSettings withResumesAfterDelivery(int n) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, seed, streamShare, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, reliability, runsPerSecond, n);
    }

    /** These settings with {@code maxAttempts} attempts per call and a retry budget of {@code ratio} per call. */
    public ChaosSettings withRetry(int maxAttempts, double ratio) {
        var r = reliability;
        return withReliability(new ReliabilityConfig(r.retry().withMaxAttempts(maxAttempts),
                r.retryBudget().withRatio(ratio), r.modelBreaker(), r.toolBreaker(), r.fallbackModels(),
                r.toolBulkhead(), r.modelConcurrency(), r.modelAttemptTimeout()));
    }

    /**
     * These settings with the adaptive model concurrency limit never below {@code floor} (and starting there if
     * higher than its initial limit): a floor at or above {@code concurrency} switches the limiter's effect off.
     */
    public ChaosSettings withModelConcurrencyFloor(int floor) {
        var r = reliability;
        var c = r.modelConcurrency();
        var limits = new AdaptiveConcurrencyConfig(Math.max(c.initialLimit(), floor), floor,
                Math.max(c.maxLimit(), floor), c.increase(), c.backoffRatio(), c.latencyThreshold(), c.maxWait(),
                c.maxWaiters());
        return withReliability(new ReliabilityConfig(r.retry(), r.retryBudget(), r.modelBreaker(), r.toolBreaker(),
                r.fallbackModels(), r.toolBulkhead(), limits, r.modelAttemptTimeout()));
    }

    public ChaosSettings withReliability(ReliabilityConfig value) {
        return new ChaosSettings(profile, runs, concurrency, warmupRuns, seed, streamShare, runDeadline, toolTimeout,
                overallTimeout, primaryModel, fallbackModel, value, runsPerSecond, resumesAfterDelivery);
    }
}
