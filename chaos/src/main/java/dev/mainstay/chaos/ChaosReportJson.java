package dev.mainstay.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.chaos.RunRecord.RunOutcome;
import dev.mainstay.json.Json;
import java.util.Map;
import java.util.TreeMap;

/** The machine-readable form of a {@link ChaosReport}: one JSON object, durations in milliseconds. Stateless. */
public final class ChaosReportJson {
    private ChaosReportJson() {}

    public static ObjectNode write(ChaosReport report) {
        var s = report.settings();
        var root = Json.object();
        root.set("profile", ChaosProfileJson.write(s.profile()));
        root.putObject("settings").put("runs", s.runs()).put("concurrency", s.concurrency()).put("seed", s.seed())
                .put("stream_share", s.streamShare()).put("run_deadline_ms", s.runDeadline().toMillis())
                .put("tool_timeout_ms", s.toolTimeout().toMillis()).put("primary_model", s.primaryModel())
                .put("fallback_model", s.fallbackModel())
                .put("retry_max_attempts", s.reliability().retry().maxAttempts())
                .put("retry_base_delay_ms", s.reliability().retry().baseDelay().toMillis())
                .put("retry_max_delay_ms", s.reliability().retry().maxDelay().toMillis())
                .put("retry_budget_min_per_second", s.reliability().retryBudget().minRetriesPerSecond())
                .put("attempt_timeout_ms", s.reliability().modelAttemptTimeout().toMillis())
                .put("retry_budget_ratio", s.reliability().retryBudget().ratio())
                .put("model_concurrency_min", s.reliability().modelConcurrency().minLimit())
                .put("breaker_open_ms", s.reliability().modelBreaker().waitDurationInOpenState().toMillis())
                .put("resumes_after_delivery", s.resumesAfterDelivery())
                .put("warmup_runs", s.warmupRuns()).put("runs_per_second", s.runsPerSecond());
        var differences = root.withObject("settings").putArray("differs_from_production");
        SettingsDiff.fromProduction(s.reliability()).forEach(differences::add);
        root.putObject("runs").put("started", report.runs().size())
                .put("succeeded", report.count(RunOutcome.SUCCEEDED))
                .put("degraded", report.count(RunOutcome.DEGRADED))
                .put("failed", report.count(RunOutcome.FAILED))
                .put("resumed", report.resumedRuns());
        root.put("finished_rate", report.finishedShare());
        root.put("model_requests", report.modelRequests()).put("successful_model_steps", report.successfulModelSteps())
                .put("fallback_steps", report.fallbackSteps());
        // calls per successful step is 1/(1 - p) for any retry policy when every endpoint fails with probability p:
        // it cannot show a retry storm; retries per first attempt, per endpoint, can
        double amplification = report.amplification();
        if (Double.isNaN(amplification)) {
            root.putNull("calls_per_successful_step");
        } else {
            root.put("calls_per_successful_step", amplification);
        }
        root.set("endpoints", endpoints(report.endpoints(), Map.of()));
        var waits = root.putArray("rate_limit_waits_ms");
        report.rateLimitWaits().forEach(w -> waits.add(w.toMillis()));
        root.putObject("latency_ms").put("p50", report.latency(50).toMillis()).put("p95", report.latency(95).toMillis())
                .put("p99", report.latency(99).toMillis()).put("max", report.maxLatency().toMillis());
        root.put("runs_past_deadline", report.runsPastDeadline())
                .put("max_deadline_overrun_ms", report.maxDeadlineOverrun().toMillis());
        root.set("requests_by_model", counts(report.requestsByModel()));
        root.set("simulator_answers", counts(report.simOutcomes()));
        root.set("world_answers", counts(report.worldOutcomes()));
        root.set("causes", counts(report.causes()));
        root.set("policy_events", counts(report.policyCounts()));
        var transitions = root.putArray("breaker_transitions");
        report.transitions().forEach(t -> transitions.addObject().put("name", t.name()).put("from", t.from().name())
                .put("to", t.to().name()).put("at_ms", t.at().toMillis()));
        report.outage().ifPresent(o -> {
            var node = root.putObject("outage").put("endpoint", o.endpoint())
                    .put("target", s.profile().outage().orElseThrow().target().wire())
                    .put("window_start_ms", o.windowStart().toMillis())
                    .put("window_end_ms", o.windowEnd().toMillis()).put("window_completed", o.windowCompleted())
                    .put("requests_in_window", o.requestsInWindow()).put("requests_while_open", o.requestsWhileOpen())
                    .put("requests_while_half_open", o.requestsWhileHalfOpen())
                    .put("retries_in_window", o.retriesInWindow()).put("retry_budget_bound", o.retryBudgetBound());
            o.breakerOpenedAt().ifPresent(at -> node.put("breaker_opened_at_ms", at.toMillis()));
            o.firstLimitedAt().ifPresent(at -> node.put("first_rate_limited_at_ms", at.toMillis())
                    .put("requests_after_rate_limited", o.requestsAfterLimited()));
            o.retryAfterPeriods().ifPresent(n -> node.put("retry_after_periods", n));
            node.set("endpoints", endpoints(o.figures(), o.budgetBounds()));
            o.breakerClosedAt().ifPresent(at -> node.put("breaker_closed_at_ms", at.toMillis()));
            node.putObject("rejection").put("probes", o.rejection().probes()).put("rejected", o.rejection().rejected())
                    .put("p50_ns", o.rejection().p50Nanos()).put("p99_ns", o.rejection().p99Nanos())
                    .put("max_ns", o.rejection().maxNanos());
        });
        var targets = root.putArray("targets");
        report.targetResults().forEach(t -> targets.addObject().put("target", t.target()).put("required", t.required())
                .put("measured", t.measured()).put("met", t.met()));
        root.put("targets_met", report.targetsMet()).put("elapsed_ms", report.elapsed().toMillis())
                .put("timed_out", report.timedOut());
        return root;
    }

    private static ObjectNode endpoints(Map<String, dev.mainstay.reliability.EndpointFigures> figures,
            Map<String, Double> bounds) {
        var node = Json.object();
        figures.forEach((name, f) -> {
            var e = node.putObject(name).put("first_attempts", f.firstAttempts()).put("retries", f.retries())
                    .put("retries_per_first_attempt", f.retriesPerFirstAttempt())
                    .put("budget_denials", f.budgetDenials()).put("skipped", f.skipped())
                    .put("rate_limit_probes", f.rateLimitProbes()).put("rate_limits_recorded", f.rateLimitsRecorded());
            if (bounds.containsKey(name)) {
                e.put("retry_budget_bound", bounds.get(name));
            }
        });
        return node;
    }

    private static ObjectNode counts(Map<String, Long> counts) {
        var node = Json.object();
        new TreeMap<>(counts).forEach(node::put);
        return node;
    }
}
