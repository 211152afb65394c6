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
                        + " retry budget %.2f per first attempt, floor %.1f/s; breaker %.0f %% of %d calls (min %d),"
                        + " open %s; adaptive model concurrency %d..%d, starting at %d.%n",
                r.retry().maxAttempts(), r.retry().baseDelay().toMillis(), seconds(r.retry().maxDelay()),
                seconds(r.modelAttemptTimeout()), r.retryBudget().ratio(), r.retryBudget().minRetriesPerSecond(),
                r.modelBreaker().failureRateThreshold(), r.modelBreaker().slidingWindowSize(),
                r.modelBreaker().minimumNumberOfCalls(), seconds(r.modelBreaker().waitDurationInOpenState()),
                r.modelConcurrency().minLimit(), r.modelConcurrency().maxLimit(), r.modelConcurrency().initialLimit()));
        var differences = SettingsDiff.fromProduction(r);
        out.append(differences.isEmpty() ? "Reliability settings: production defaults.\n\n"
                : "Differs from production: " + String.join("; ", differences) + ".\n\n");
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
        row(out, "calls per successful step (≈ 1/(1 − p) for any retry policy when every endpoint fails with p)",
                fixed(report.amplification()));
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
        if (!report.rateLimitWaits().isEmpty()) {
            var waits = Percentiles.of(report.rateLimitWaits().stream().map(Duration::toNanos).toList());
            row(out, "waits before retrying a 429 (hint + jitter): n, min / p50 / max", String.format(Locale.ROOT,
                    "%d, %d / %d / %d ms", report.rateLimitWaits().size(),
                    report.rateLimitWaits().stream().min(Duration::compareTo).orElseThrow().toMillis(),
                    waits.at(50) / 1_000_000, waits.max() / 1_000_000));
        }
        row(out, "elapsed", seconds(report.elapsed()) + (report.timedOut() ? " (overall timeout hit)" : ""));
        endpoints(out, "per endpoint, whole run", report.endpoints(), java.util.Map.of());
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

    private static void endpoints(StringBuilder out, String title, Map<String, dev.mainstay.reliability.EndpointFigures> all,
            Map<String, Double> bounds) {
        out.append("\n| ").append(title).append(" | first attempts | retries | retries / first attempt"
                + " | budget denials | skipped | rate-limit probes |").append(bounds.isEmpty() ? "" : " budget bound |")
                .append("\n|---|---|---|---|---|---|---|").append(bounds.isEmpty() ? "" : "---|").append("\n");
        all.forEach((name, f) -> {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d |", name, f.firstAttempts(),
                    f.retries(), fixed(f.retriesPerFirstAttempt()), f.budgetDenials(), f.skipped(),
                    f.rateLimitProbes()));
            if (!bounds.isEmpty()) {
                out.append(' ').append((long) Math.floor(bounds.getOrDefault(name, 0.0))).append(" |");
            }
            out.append('\n');
        });
    }

    private static void outage(StringBuilder out, OutageReport o) {
        endpoints(out, "per endpoint, in the fault window", o.figures(), o.budgetBounds());
        out.append("\n| fault window, measured on ").append(o.endpoint()).append(" | value |\n|---|---|\n");
        row(out, "window", o.windowStart().toMillis() + " - " + o.windowEnd().toMillis() + " ms"
                + (o.windowCompleted() ? "" : " (cut short: the runs ended first; give more --runs)"));
        row(out, "breaker opened", o.breakerOpenedAt().map(at -> "at " + at.toMillis() + " ms ("
                + at.minus(o.windowStart()).toMillis() + " ms into the window)").orElse("never"));
        row(out, "breaker closed again", o.breakerClosedAt().map(at -> "at " + at.toMillis() + " ms ("
                + at.minus(o.windowEnd()).toMillis() + " ms after recovery)").orElse("not during the run"));
        row(out, "requests to it in the window", o.requestsInWindow() + " (while open: "
                + o.requestsWhileOpen() + ", while half-open: " + o.requestsWhileHalfOpen() + ", whole run)");
        row(out, "retries to it in the window / budget bound",
                o.retriesInWindow() + " / " + (long) Math.floor(o.retryBudgetBound()));
        o.firstLimitedAt().ifPresent(at -> row(out, "first known rate-limited / requests to it after that",
                "at " + at.toMillis() + " ms / " + o.requestsAfterLimited()
                        + o.retryAfterPeriods().map(n -> " in " + n + " retry-after period(s)").orElse("")));
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
