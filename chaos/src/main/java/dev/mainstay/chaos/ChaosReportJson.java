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
                .put("attempt_timeout_ms", s.reliability().modelAttemptTimeout().toMillis())
                .put("retry_budget_ratio", s.reliability().retryBudget().ratio())
                .put("model_concurrency_min", s.reliability().modelConcurrency().minLimit())
                .put("breaker_open_ms", s.reliability().modelBreaker().waitDurationInOpenState().toMillis())
                .put("resumes_after_delivery", s.resumesAfterDelivery())
                .put("warmup_runs", s.warmupRuns()).put("runs_per_second", s.runsPerSecond());
        root.putObject("runs").put("started", report.runs().size())
                .put("succeeded", report.count(RunOutcome.SUCCEEDED))
                .put("degraded", report.count(RunOutcome.DEGRADED))
                .put("failed", report.count(RunOutcome.FAILED))
                .put("resumed", report.resumedRuns());
        root.put("model_requests", report.modelRequests()).put("successful_model_steps", report.successfulModelSteps())
                .put("fallback_steps", report.fallbackSteps());
        double amplification = report.amplification();
        if (Double.isNaN(amplification)) {
            root.putNull("retry_amplification");
        } else {
            root.put("retry_amplification", amplification);
        }
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
            var node = root.putObject("outage").put("window_start_ms", o.windowStart().toMillis())
                    .put("window_end_ms", o.windowEnd().toMillis()).put("window_completed", o.windowCompleted())
                    .put("requests_in_window", o.requestsInWindow()).put("requests_while_open", o.requestsWhileOpen())
                    .put("requests_while_half_open", o.requestsWhileHalfOpen())
                    .put("retries_in_window", o.retriesInWindow()).put("retry_budget_bound", o.retryBudgetBound());
            o.breakerOpenedAt().ifPresent(at -> node.put("breaker_opened_at_ms", at.toMillis()));
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

    private static ObjectNode counts(Map<String, Long> counts) {
        var node = Json.object();
        new TreeMap<>(counts).forEach(node::put);
        return node;
    }
}
