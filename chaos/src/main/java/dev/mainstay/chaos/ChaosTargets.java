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
 * @param extraCallsWithinBudget retries sent to the primary during the outage stay within its retry budget
 */
public record ChaosTargets(
        OptionalDouble minSuccessRate,
        OptionalDouble minFinishedRate,
        OptionalDouble maxAmplification,
        Optional<Duration> maxDeadlineOverrun,
        boolean fallbackAnswers,
        boolean breakerOpensInOutage,
        Optional<Duration> maxRejectionP99,
        boolean extraCallsWithinBudget) {

    public static final ChaosTargets NONE = new ChaosTargets(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), Optional.empty(), false, false, Optional.empty(), false);

    public ChaosTargets {
        Objects.requireNonNull(minSuccessRate, "minSuccessRate");
        Objects.requireNonNull(minFinishedRate, "minFinishedRate");
        Objects.requireNonNull(maxAmplification, "maxAmplification");
        Objects.requireNonNull(maxDeadlineOverrun, "maxDeadlineOverrun");
        Objects.requireNonNull(maxRejectionP99, "maxRejectionP99");
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
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void rate(ArrayList<String> problems, String name, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= 1)) {
            problems.add(name + " must be between 0 and 1, but was " + value.getAsDouble());
        }
    }

    public ChaosTargets withMinSuccessRate(double value) {
        return new ChaosTargets(OptionalDouble.of(value), minFinishedRate, maxAmplification, maxDeadlineOverrun,
                fallbackAnswers, breakerOpensInOutage, maxRejectionP99, extraCallsWithinBudget);
    }

    public ChaosTargets withMinFinishedRate(double value) {
        return new ChaosTargets(minSuccessRate, OptionalDouble.of(value), maxAmplification, maxDeadlineOverrun,
                fallbackAnswers, breakerOpensInOutage, maxRejectionP99, extraCallsWithinBudget);
    }

    public ChaosTargets withMaxAmplification(double value) {
        return new ChaosTargets(minSuccessRate, minFinishedRate, OptionalDouble.of(value), maxDeadlineOverrun,
                fallbackAnswers, breakerOpensInOutage, maxRejectionP99, extraCallsWithinBudget);
    }

    public ChaosTargets withMaxDeadlineOverrun(Duration value) {
        return new ChaosTargets(minSuccessRate, minFinishedRate, maxAmplification, Optional.of(value),
                fallbackAnswers, breakerOpensInOutage, maxRejectionP99, extraCallsWithinBudget);
    }

    /** The outage targets: the fallback answers, the breaker opens in time and fails fast, retries fit the budget. */
    public ChaosTargets withOutageTargets(Duration rejectionP99) {
        return new ChaosTargets(minSuccessRate, minFinishedRate, maxAmplification, maxDeadlineOverrun, true, true,
                Optional.of(rejectionP99), true);
    }
}
