package dev.mainstay.chaos;

import static dev.mainstay.chaos.TargetCheck.fixed;
import static dev.mainstay.chaos.TargetCheck.micros;
import static dev.mainstay.chaos.TargetCheck.percent;

import dev.mainstay.chaos.RunRecord.RunOutcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a {@link ChaosReport} as Markdown tables, ready to paste into {@code docs/benchmarks/reliability.md}. */
public final class ChaosReportText {
    private ChaosReportText() {}

    public static String render(ChaosReport report) {
        var s = report.settings();
        var r = s.reliability();
        var out = new StringBuilder();
        out.append("### Profile `").append(s.profile().name()).append("`: ").append(s.profile().description())
                .append("\n\n");
        out.append(String.format(Locale.ROOT, "%d runs (after %d warm-up runs), %d at a time%s, seed %d, %s of runs"
                        + " streaming; run deadline %s, tool timeout %s; primary %s, fallback %s.%n", s.runs(),
                s.warmupRuns(), s.concurrency(), s.runsPerSecond() > 0
                        ? String.format(Locale.ROOT, ", started at %.0f per second", s.runsPerSecond()) : "", s.seed(),
                percent(s.streamShare()), seconds(s.runDeadline()), seconds(s.toolTimeout()), s.primaryModel(),
                s.fallbackModel()));
        out.append(String.format(Locale.ROOT, "Retry %d attempts, backoff base %d ms, cap %s; attempt timeout %s;"
                        + " retry budget %.2f per call + %d/s; breaker %.0f %% of %d calls (min %d), open %s;"
                        + " adaptive model concurrency %d..%d, starting at %d.%n%n",
                r.retry().maxAttempts(), r.retry().baseDelay().toMillis(), seconds(r.retry().maxDelay()),
                seconds(r.modelAttemptTimeout()), r.retryBudget().ratio(), r.retryBudget().minRetriesPerSecond(),
                r.modelBreaker().failureRateThreshold(), r.modelBreaker().slidingWindowSize(),
                r.modelBreaker().minimumNumberOfCalls(), seconds(r.modelBreaker().waitDurationInOpenState()),
                r.modelConcurrency().minLimit(), r.modelConcurrency().maxLimit(), r.modelConcurrency().initialLimit()));
        out.append("| measure | value |\n|---|---|\n");
        row(out, "runs succeeded / degraded / failed", String.format(Locale.ROOT, "%d / %d / %d (%s / %s / %s)",
                report.count(RunOutcome.SUCCEEDED), report.count(RunOutcome.DEGRADED), report.count(RunOutcome.FAILED),
                percent(report.share(RunOutcome.SUCCEEDED)), percent(report.share(RunOutcome.DEGRADED)),
                percent(report.share(RunOutcome.FAILED))));
        if (report.runs().size() < s.runs()) {
            row(out, "runs never started", Integer.toString(s.runs() - report.runs().size()));
        }
        row(out, "runs resumed from their journal after a stream failed past delivered text",
                s.resumesAfterDelivery() == 0 ? "resume off" : report.resumedRuns() + " (up to "
                        + s.resumesAfterDelivery() + " resume(s) per run)");
        row(out, "model requests sent / successful model steps",
                report.modelRequests() + " / " + report.successfulModelSteps());
        row(out, "retry amplification (requests per successful step)", fixed(report.amplification()));
        row(out, "requests by model", join(new TreeMap<>(report.requestsByModel())));
        row(out, "steps answered by the fallback", Long.toString(report.fallbackSteps()));
        row(out, "run latency p50 / p95 / p99 / max", String.format(Locale.ROOT, "%d / %d / %d / %d ms",
                report.latency(50).toMillis(), report.latency(95).toMillis(), report.latency(99).toMillis(),
                report.maxLatency().toMillis()));
        row(out, "runs past their deadline (worst overrun)",
                report.runsPastDeadline() + " (" + report.maxDeadlineOverrun().toMillis() + " ms)");
        row(out, "breaker transitions", report.transitions().isEmpty() ? "none" : join(report.transitionCounts()));
        row(out, "runs not succeeded, by cause", report.causes().isEmpty() ? "none" : join(report.causes()));
        row(out, "simulator answers", join(new TreeMap<>(report.simOutcomes())));
        if (!report.worldOutcomes().isEmpty()) {
            row(out, "world (tool backend) answers", join(new TreeMap<>(report.worldOutcomes())));
        }
        row(out, "policy events",
                report.policyCounts().isEmpty() ? "none" : join(new TreeMap<>(report.policyCounts())));
        row(out, "elapsed", seconds(report.elapsed()) + (report.timedOut() ? " (overall timeout hit)" : ""));
        report.outage().ifPresent(o -> outage(out, o));
        var results = report.targetResults();
        if (!results.isEmpty()) {
            out.append("\n| target | required | measured | met |\n|---|---|---|---|\n");
            for (var t : results) {
                out.append("| ").append(t.target()).append(" | ").append(t.required()).append(" | ")
                        .append(t.measured()).append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
            }
        }
        return out.toString();
    }

    private static void outage(StringBuilder out, OutageReport o) {
        out.append("\n| outage of the primary | value |\n|---|---|\n");
        row(out, "window", o.windowStart().toMillis() + " - " + o.windowEnd().toMillis() + " ms"
                + (o.windowCompleted() ? "" : " (cut short: the runs ended first; give more --runs)"));
        row(out, "primary breaker opened", o.breakerOpenedAt().map(at -> "at " + at.toMillis() + " ms ("
                + at.minus(o.windowStart()).toMillis() + " ms into the window)").orElse("never"));
        row(out, "primary breaker closed again", o.breakerClosedAt().map(at -> "at " + at.toMillis() + " ms ("
                + at.minus(o.windowEnd()).toMillis() + " ms after recovery)").orElse("not during the run"));
        row(out, "requests to the primary in the window", o.requestsInWindow() + " (while open: "
                + o.requestsWhileOpen() + ", while half-open: " + o.requestsWhileHalfOpen() + ", whole run)");
        row(out, "retries to the primary in the window / budget bound",
                o.retriesInWindow() + " / " + (long) Math.floor(o.retryBudgetBound()));
        var rej = o.rejection();
        row(out, "open-breaker rejection p50 / p99 / max", rej.rejected() == 0 ? "not measured"
                : micros(rej.p50Nanos()) + " / " + micros(rej.p99Nanos()) + " / " + micros(rej.maxNanos())
                        + " (" + rej.rejected() + " of " + rej.probes() + " probes rejected)");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String join(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
