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
            results.add(new Result("retries to the failing primary", "≤ retry budget",
                    outage.map(o -> o.retriesInWindow() + " (budget " + Math.round(Math.floor(o.retryBudgetBound()))
                            + ")").orElse("no outage"),
                    outage.map(OutageReport::retriesWithinBudget).orElse(false)));
        }
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

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
    }
}
