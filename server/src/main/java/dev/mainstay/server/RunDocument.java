package dev.mainstay.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.Usage;
import dev.mainstay.store.RunRecord;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run as the API and the CLI's {@code --json} show it: what was asked, where it is, how it ended, the totals and —
 * in the full form — every step from its journal (model calls and tool calls with inputs, outputs, timing, usage
 * and the model that answered, in the journal codec's form). docs/api.md and openapi.json describe the fields.
 * Pure functions.
 */
public final class RunDocument {
    private RunDocument() {}

    /** The run without its steps: what lists and the 202 of a new run show. */
    public static ObjectNode summary(RunRecord run) {
        var node = Json.object();
        node.put("id", run.id());
        node.put("object", "run");
        node.put("status", run.status().wire());
        putOptional(node, "stop_reason", run.stopReason().map(r -> r.wire()));
        node.put("input", run.input());
        putOptional(node, "conversation_id", run.conversationId());
        node.put("user_id", run.userId());
        putOptional(node, "output", run.output());
        run.error().ifPresentOrElse(e -> node.putObject("error").put("code", e.code()).put("message", e.message()),
                () -> node.putNull("error"));
        var limits = node.putObject("limits");
        limits.put("max_steps", run.limits().maxSteps());
        limits.put("max_output_tokens", run.limits().maxOutputTokens());
        limits.put("deadline", run.limits().deadline().toSeconds());
        run.limits().maxCostUsd().ifPresent(usd -> limits.put("max_cost_usd", usd.toPlainString()));
        if (run.limits().maxTotalTokens() > 0) {
            limits.put("max_total_tokens", run.limits().maxTotalTokens());
        }
        if (run.limits().maxToolCalls() > 0) {
            limits.put("max_tool_calls", run.limits().maxToolCalls());
        }
        node.putObject("cache").put("response", run.cacheResponses());
        node.put("created_at", run.createdAt().toString());
        putOptional(node, "started_at", run.startedAt().map(Instant::toString));
        putOptional(node, "finished_at", run.finishedAt().map(Instant::toString));
        node.put("attempts", run.attempts());
        node.put("cancel_requested", run.cancelRequested());
        var totals = node.putObject("totals");
        totals.set("usage", usage(run.usage()));
        cost(totals, run.cost());
        totals.put("cache_hit_ratio", cacheHitRatio(run.usage()));
        node.put("events_url", "/v1/runs/" + run.id() + "/events");
        // the trace the run was submitted in: find its spans, and its log lines on every node, by this id
        putOptional(node, "trace_id", run.traceparent().flatMap(dev.mainstay.telemetry.Traceparent::parse)
                .map(dev.mainstay.telemetry.Traceparent::traceId));
        return node;
    }

    /** The run with its model and tool steps, in journal order. */
    public static ObjectNode full(RunRecord run, List<Recorded> journal) {
        var node = summary(run);
        var steps = node.putArray("steps");
        for (var recorded : journal) {
            if (recorded.entry() instanceof ModelStep || recorded.entry() instanceof ToolStep) {
                var step = JournalCodec.toJson(recorded.entry());
                step.remove("v");
                steps.add(step);
            }
        }
        return node;
    }

    static ObjectNode usage(Usage u) {
        return Json.object().put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("cache_creation_input_tokens", u.cacheCreationInputTokens())
                .put("cache_read_input_tokens", u.cacheReadInputTokens());
    }

    /** {@link Usage#cacheHitRatio()} to 4 decimals, as the API shows it. */
    static java.math.BigDecimal cacheHitRatio(Usage usage) {
        return java.math.BigDecimal.valueOf(usage.cacheHitRatio()).setScale(4, RoundingMode.HALF_UP);
    }

    /** {@code cost_usd} as an exact number, or null with {@code cost_unknown_reason} when a model had no price. */
    static void cost(ObjectNode node, Cost cost) {
        cost.usd().ifPresentOrElse(usd -> node.put("cost_usd", usd.setScale(6, RoundingMode.HALF_UP)), () -> {
            node.putNull("cost_usd");
            node.put("cost_unknown_reason", cost.unknownReason().orElseThrow());
        });
    }

    private static void putOptional(ObjectNode node, String name, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(name, v), () -> node.putNull(name));
    }
}
