package dev.mainstay.chaos;

import dev.mainstay.chaos.RunRecord.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a profile's {@link ChaosTargets} against a {@link ChaosReport}. Stateless. */
public final class TargetCheck {
    /** One target: what was required, what was measured, whether it was met. */
    public record Result(String target, String required, String measured, boolean met) {}

    private TargetCheck() {}

    public static List<Result> evaluate(ChaosTargets targets, ChaosReport report) {
        var results = new ArrayList<Result>();
        targets.minSuccessRate().ifPresent(min -> {
            double share = report.share(RunOutcome.SUCCEEDED);
            results.add(new Result("runs succeeded", "≥ " + percent(min), percent(share), share >= min));
        });
        targets.minFinishedRate().ifPresent(min -> {
            double share = report.finishedShare();
            results.add(new Result("runs finished (degraded allowed)", "≥ " + percent(min), percent(share),
                    share >= min));
        });
        targets.maxAmplification().ifPresent(max -> {
            double amp = report.amplification();
            results.add(new Result("retry amplification", "≤ " + fixed(max), fixed(amp), amp <= max + 1e-9));
        });
        targets.maxDeadlineOverrun().ifPresent(max -> {
            var worst = report.maxDeadlineOverrun();
            results.add(new Result("worst deadline overrun", "≤ " + max.toMillis() + " ms", worst.toMillis() + " ms",
                    worst.compareTo(max) <= 0));
        });
        if (targets.fallbackAnswers()) {
            long steps = report.fallbackSteps();
            results.add(new Result("fallback model answers", "> 0 steps", steps + " steps", steps > 0));
        }
        var outage = report.outage();
        if (targets.breakerOpensInOutage()) {
            results.add(new Result("primary breaker opens in the outage window", "yes",
                    outage.flatMap(o -> o.breakerOpenedAt().map(at -> "at " + at.toMillis() + " ms (window "
                            + o.windowStart().toMillis() + "-" + o.windowEnd().toMillis() + " ms)")).orElse("never"),
                    outage.map(OutageReport::breakerOpenedInWindow).orElse(false)));
        }
        targets.maxRejectionP99().ifPresent(max -> {
            var rejection = outage.map(OutageReport::rejection);
            boolean measured = rejection.filter(r -> r.rejected() > 0).isPresent();
            results.add(new Result("open breaker rejects in (p99)", "< " + micros(max.toNanos()),
                    measured ? micros(rejection.get().p99Nanos()) : "not measured",
                    measured && rejection.get().p99Nanos() < max.toNanos()
                            && rejection.get().rejected() == rejection.get().probes()));
        });
        if (targets.extraCallsWithinBudget()) {
            results.add(new Result("retries to each endpoint in the window", "≤ its retry budget",
                    outage.map(TargetCheck::retriesAgainstBounds).orElse("no fault window"),
                    outage.map(OutageReport::retriesWithinBudget).orElse(false)));
        }
        targets.maxRetriesPerFirstAttempt().ifPresent(max -> {
            var figures = report.measuredFigures();
            var worst = figures.entrySet().stream().max(java.util.Map.Entry.comparingByValue(
                    java.util.Comparator.comparingDouble(dev.mainstay.reliability.EndpointFigures::retriesPerFirstAttempt)));
            var where = outage.isPresent() ? " in the window" : "";
            results.add(new Result("retries per first attempt, every endpoint" + where, "≤ " + fixed(max),
                    worst.map(w -> fixed(w.getValue().retriesPerFirstAttempt()) + " (" + w.getKey() + ": "
                            + w.getValue().retries() + " / " + w.getValue().firstAttempts() + ")").orElse("n/a"),
                    worst.map(w -> w.getValue().retriesPerFirstAttempt() <= max + 1e-9).orElse(true)));
        });
        targets.maxLatencyP99().ifPresent(max -> {
            var p99 = report.latency(99);
            results.add(new Result("run latency p99", "≤ " + max.toMillis() + " ms", p99.toMillis() + " ms",
                    p99.compareTo(max) <= 0));
        });
        targets.maxProbesPerRetryAfter().ifPresent(max -> {
            var perPeriod = outage.flatMap(OutageReport::probesPerRetryAfter);
            results.add(new Result("requests to the rate-limited endpoint per retry-after period", "≤ " + fixed(max),
                    outage.flatMap(o -> o.retryAfterPeriods().map(periods -> o.requestsAfterLimited() + " in "
                            + periods + " period(s) of " + o.retryAfter().orElseThrow().toSeconds() + " s"))
                            .orElse("never rate-limited"),
                    perPeriod.map(p -> p <= max + 1e-9).orElse(false)));
        });
        targets.everyRunEndsAs().ifPresent(reason -> {
            double share = report.shareEndingAs(reason);
            results.add(new Result("runs ending as " + reason, "100.0 %", percent(share), share >= 1.0));
        });
        outage.filter(o -> !o.windowCompleted()).ifPresent(o -> results.add(new Result("outage window completed",
                "yes", "cut short at " + o.windowEnd().toMillis() + " ms", false)));
        if (report.timedOut()) {
            results.add(new Result("finished before the overall timeout", "yes", "no", false));
        }
        return results;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String fixed(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String retriesAgainstBounds(OutageReport o) {
        var parts = new ArrayList<String>();
        o.figures().forEach((name, f) -> parts.add(name + " " + f.retries() + " (budget "
                + Math.round(Math.floor(o.budgetBounds().getOrDefault(name, 0.0))) + ")"));
        return String.join(", ", parts);
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
    }
}
