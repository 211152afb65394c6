package dev.mainstay.chaos;

import dev.mainstay.chaos.ReliabilityRecorder.Transition;
import dev.mainstay.chaos.RunRecord.RunOutcome;
import dev.mainstay.reliability.EndpointFigures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result of a chaos run: every run's record plus what the simulator and the reliability policies counted.
 * Immutable; the figures of the table are derived from the parts.
 *
 * @param runs the record of every run that started, in start order
 * @param modelRequests every {@code POST /v1/messages} the simulator received (each retry and fallback attempt counts)
 * @param requestsByModel those requests by requested model
 * @param simOutcomes the simulator's count of each answer it gave ({@code ok}, {@code 529}, {@code hang}…)
 * @param worldOutcomes the fake world's counts ({@code weather.503}, {@code search.hang}…)
 * @param transitions every breaker transition, model endpoints and tools
 * @param policyCounts what the reliability policies did, by {@link ReliabilityRecorder} key
 * @param outage the outage's figures, for a profile with an outage window
 * @param elapsed the wall time of the whole chaos run
 * @param timedOut whether the overall timeout cancelled runs
 * @param endpoints what the reliability links did for each endpoint during the measured runs, in fallback order
 * @param rateLimitWaits the wait before each retry of a 429: never shorter than the server's hint, spread by jitter
 */
public record ChaosReport(
        ChaosSettings settings, List<RunRecord> runs, long modelRequests, Map<String, Long> requestsByModel,
        Map<String, Long> simOutcomes, Map<String, Long> worldOutcomes, List<Transition> transitions,
        Map<String, Long> policyCounts, Optional<OutageReport> outage, Duration elapsed, boolean timedOut,
        Map<String, EndpointFigures> endpoints, List<Duration> rateLimitWaits) {

    public ChaosReport {
        Objects.requireNonNull(settings, "settings");
        runs = List.copyOf(runs);
        requestsByModel = Map.copyOf(requestsByModel);
        simOutcomes = Map.copyOf(simOutcomes);
        worldOutcomes = Map.copyOf(worldOutcomes);
        transitions = List.copyOf(transitions);
        policyCounts = Map.copyOf(policyCounts);
        Objects.requireNonNull(outage, "outage");
        Objects.requireNonNull(elapsed, "elapsed");
        endpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoints));
        rateLimitWaits = List.copyOf(rateLimitWaits);
    }

    /**
     * The figures the retry targets are judged on: each endpoint's during the fault window when the profile has
     * one, over the whole run otherwise.
     */
    public Map<String, EndpointFigures> measuredFigures() {
        return outage.map(OutageReport::figures).filter(f -> !f.isEmpty()).orElse(endpoints);
    }

    /** The share of runs that ended with {@code stopReason}. */
    public double shareEndingAs(String stopReason) {
        return (double) runs.stream().filter(r -> r.stopReason().wire().equals(stopReason)).count() / settings.runs();
    }

    public long count(RunOutcome outcome) {
        return runs.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The share of the requested runs that ended with {@code outcome}; runs never started count against it. */
    public double share(RunOutcome outcome) {
        return (double) count(outcome) / settings.runs();
    }

    /** The share of the requested runs that completed, degraded or not. */
    public double finishedShare() {
        return (double) runs.stream().filter(RunRecord::finished).count() / settings.runs();
    }

    /** Runs resumed from their journal at least once after a failure past streamed text. */
    public long resumedRuns() {
        return runs.stream().filter(r -> r.resumes() > 0).count();
    }

    public long successfulModelSteps() {
        return runs.stream().mapToLong(RunRecord::modelSteps).sum();
    }

    public long fallbackSteps() {
        return runs.stream().mapToLong(RunRecord::fallbackSteps).sum();
    }

    /** Retry amplification: model requests the simulator received per model step that succeeded; NaN with none. */
    public double amplification() {
        long steps = successfulModelSteps();
        return steps == 0 ? Double.NaN : (double) modelRequests / steps;
    }

    /** Run latency at percentile {@code p} (nearest rank), over every run that started. */
    public Duration latency(double p) {
        return Duration.ofNanos(Percentiles.of(runs.stream().map(r -> r.latency().toNanos()).toList()).at(p));
    }

    public Duration maxLatency() {
        return Duration.ofNanos(Percentiles.of(runs.stream().map(r -> r.latency().toNanos()).toList()).max());
    }

    public long runsPastDeadline() {
        return runs.stream().filter(r -> !r.deadlineOverrun().isZero()).count();
    }

    public Duration maxDeadlineOverrun() {
        return runs.stream().map(RunRecord::deadlineOverrun).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** How the runs that did not succeed ended: {@code completed} (degraded) or stop reason and error code. */
    public Map<String, Long> causes() {
        var causes = new TreeMap<String, Long>();
        runs.stream().filter(r -> r.outcome() != RunOutcome.SUCCEEDED)
                .forEach(r -> causes.merge(r.outcome() == RunOutcome.DEGRADED ? "degraded" : r.cause(), 1L, Long::sum));
        return causes;
    }

    /** Breaker transitions as {@code name: FROM->TO} with their counts, model endpoints and tools alike. */
    public Map<String, Long> transitionCounts() {
        var counts = new TreeMap<String, Long>();
        transitions.forEach(t -> counts.merge(t.name() + ": " + t.from() + "->" + t.to(), 1L, Long::sum));
        return counts;
    }

    /** Each target of the profile, checked against these figures. */
    public List<TargetCheck.Result> targetResults() {
        return TargetCheck.evaluate(settings.profile().targets(), this);
    }

    public boolean targetsMet() {
        return targetResults().stream().allMatch(TargetCheck.Result::met);
    }
}
