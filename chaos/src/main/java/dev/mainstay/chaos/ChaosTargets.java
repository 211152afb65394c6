package dev.mainstay.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a chaos run must achieve. Every target is optional; {@link #NONE} checks nothing. These are benchmark
 * targets, checked against a real-time run, never in a unit test.
 *
 * @param minSuccessRate the least share of runs that complete with neither a degraded tool result nor a fallback answer
 * @param minFinishedRate the least share of runs that complete at all (degraded answers allowed)
 * @param maxAmplification the most model requests sent per successful model step
 * @param maxDeadlineOverrun the most a run may end after its deadline
 * @param fallbackAnswers the fallback model must answer at least one step
 * @param breakerOpensInOutage the primary's breaker must open inside the outage window
 * @param maxRejectionP99 the slowest a call to an open breaker may fail, at the 99th percentile
 * @param extraCallsWithinBudget retries to each endpoint the fault window targets stay within its retry budget
 * @param maxRetriesPerFirstAttempt the most retries per first attempt any endpoint receives (in the fault window if
 *     the profile has one, over the whole run otherwise)
 * @param maxLatencyP99 the slowest run at the 99th percentile
 * @param maxProbesPerRetryAfter the most requests a rate-limited endpoint receives per retry-after period, once it
 *     is known to be limited, during the window
 * @param everyRunEndsAs the stop reason every run must end with (e.g. {@code deadline_exceeded})
 */
public record ChaosTargets(
        OptionalDouble minSuccessRate,
        OptionalDouble minFinishedRate,
        OptionalDouble maxAmplification,
        Optional<Duration> maxDeadlineOverrun,
        boolean fallbackAnswers,
        boolean breakerOpensInOutage,
        Optional<Duration> maxRejectionP99,
        boolean extraCallsWithinBudget,
        OptionalDouble maxRetriesPerFirstAttempt,
        Optional<Duration> maxLatencyP99,
        OptionalDouble maxProbesPerRetryAfter,
        Optional<String> everyRunEndsAs) {

    public static final ChaosTargets NONE = new ChaosTargets(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), Optional.empty(), false, false, Optional.empty(), false, OptionalDouble.empty(),
            Optional.empty(), OptionalDouble.empty(), Optional.empty());

    public ChaosTargets {
        Objects.requireNonNull(minSuccessRate, "minSuccessRate");
        Objects.requireNonNull(minFinishedRate, "minFinishedRate");
        Objects.requireNonNull(maxAmplification, "maxAmplification");
        Objects.requireNonNull(maxDeadlineOverrun, "maxDeadlineOverrun");
        Objects.requireNonNull(maxRejectionP99, "maxRejectionP99");
        Objects.requireNonNull(maxRetriesPerFirstAttempt, "maxRetriesPerFirstAttempt");
        Objects.requireNonNull(maxLatencyP99, "maxLatencyP99");
        Objects.requireNonNull(maxProbesPerRetryAfter, "maxProbesPerRetryAfter");
        Objects.requireNonNull(everyRunEndsAs, "everyRunEndsAs");
        var problems = new ArrayList<String>();
        rate(problems, "minSuccessRate", minSuccessRate);
        rate(problems, "minFinishedRate", minFinishedRate);
        if (maxAmplification.isPresent() && !(maxAmplification.getAsDouble() >= 1.0)) {
            problems.add("maxAmplification must be at least 1, but was " + maxAmplification.getAsDouble());
        }
        maxDeadlineOverrun.filter(Duration::isNegative).ifPresent(d ->
                problems.add("maxDeadlineOverrun must not be negative, but was " + d));
        maxRejectionP99.filter(d -> d.isNegative() || d.isZero()).ifPresent(d ->
                problems.add("maxRejectionP99 must be positive, but was " + d));
        if (maxRetriesPerFirstAttempt.isPresent() && !(maxRetriesPerFirstAttempt.getAsDouble() >= 0)) {
            problems.add("maxRetriesPerFirstAttempt must not be negative");
        }
        maxLatencyP99.filter(d -> d.isNegative() || d.isZero()).ifPresent(d ->
                problems.add("maxLatencyP99 must be positive, but was " + d));
        if (maxProbesPerRetryAfter.isPresent() && !(maxProbesPerRetryAfter.getAsDouble() >= 0)) {
            problems.add("maxProbesPerRetryAfter must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void rate(ArrayList<String> problems, String name, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= 1)) {
            problems.add(name + " must be between 0 and 1, but was " + value.getAsDouble());
        }
    }

    private ChaosTargets with(Change change) {
        var b = new Builder(this);
        change.apply(b);
        return new ChaosTargets(b.minSuccessRate, b.minFinishedRate, b.maxAmplification, b.maxDeadlineOverrun,
                b.fallbackAnswers, b.breakerOpensInOutage, b.maxRejectionP99, b.extraCallsWithinBudget,
                b.maxRetriesPerFirstAttempt, b.maxLatencyP99, b.maxProbesPerRetryAfter, b.everyRunEndsAs);
    }

    public ChaosTargets withMinSuccessRate(double value) {
        return with(b -> b.minSuccessRate = OptionalDouble.of(value));
    }

    public ChaosTargets withMinFinishedRate(double value) {
        return with(b -> b.minFinishedRate = OptionalDouble.of(value));
    }

    public ChaosTargets withMaxAmplification(double value) {
        return with(b -> b.maxAmplification = OptionalDouble.of(value));
    }

    public ChaosTargets withMaxDeadlineOverrun(Duration value) {
        return with(b -> b.maxDeadlineOverrun = Optional.of(value));
    }

    /** The outage targets: the fallback answers, the breaker opens in time and fails fast, retries fit the budget. */
    public ChaosTargets withOutageTargets(Duration rejectionP99) {
        return with(b -> {
            b.fallbackAnswers = true;
            b.breakerOpensInOutage = true;
            b.maxRejectionP99 = Optional.of(rejectionP99);
            b.extraCallsWithinBudget = true;
        });
    }

    public ChaosTargets withRetriesWithinBudget() {
        return with(b -> b.extraCallsWithinBudget = true);
    }

    public ChaosTargets withMaxRetriesPerFirstAttempt(double value) {
        return with(b -> b.maxRetriesPerFirstAttempt = OptionalDouble.of(value));
    }

    public ChaosTargets withMaxLatencyP99(Duration value) {
        return with(b -> b.maxLatencyP99 = Optional.of(value));
    }

    public ChaosTargets withMaxProbesPerRetryAfter(double value) {
        return with(b -> b.maxProbesPerRetryAfter = OptionalDouble.of(value));
    }

    public ChaosTargets withEveryRunEndingAs(String stopReason) {
        return with(b -> b.everyRunEndsAs = Optional.of(stopReason));
    }

    /** The mutable copy {@link #with} changes. */
    private static final class Builder {
        OptionalDouble minSuccessRate;
        OptionalDouble minFinishedRate;
        OptionalDouble maxAmplification;
        Optional<Duration> maxDeadlineOverrun;
        boolean fallbackAnswers;
        boolean breakerOpensInOutage;
        Optional<Duration> maxRejectionP99;
        boolean extraCallsWithinBudget;
        OptionalDouble maxRetriesPerFirstAttempt;
        Optional<Duration> maxLatencyP99;
        OptionalDouble maxProbesPerRetryAfter;
        Optional<String> everyRunEndsAs;

        Builder(ChaosTargets t) {
            minSuccessRate = t.minSuccessRate;
            minFinishedRate = t.minFinishedRate;
            maxAmplification = t.maxAmplification;
            maxDeadlineOverrun = t.maxDeadlineOverrun;
            fallbackAnswers = t.fallbackAnswers;
            breakerOpensInOutage = t.breakerOpensInOutage;
            maxRejectionP99 = t.maxRejectionP99;
            extraCallsWithinBudget = t.extraCallsWithinBudget;
            maxRetriesPerFirstAttempt = t.maxRetriesPerFirstAttempt;
            maxLatencyP99 = t.maxLatencyP99;
            maxProbesPerRetryAfter = t.maxProbesPerRetryAfter;
            everyRunEndsAs = t.everyRunEndsAs;
        }
    }

    @FunctionalInterface
    private interface Change {
        void apply(Builder b);
    }
}
