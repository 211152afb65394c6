package dev.mainstay.app.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.agent.RunResult;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.PlanFixed;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.Json;
import dev.mainstay.redact.ContentRedaction;
import dev.mainstay.redact.Redactor;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Renders a finished run for people (text) and for programs (one JSON document). Pure functions. */
public final class RunReport {
    /** Longest tool output shown in the text report; the JSON report always has the whole output. */
    public static final int TEXT_OUTPUT_LIMIT = 160;

    private RunReport() {}

    /** {@link #json(String, RunResult)} with every string of content passed through {@code redactor}. */
    public static ObjectNode json(String task, RunResult result, Redactor redactor) {
        return ContentRedaction.redact(json(task, result), redactor);
    }

    /** {@link #text(String, RunResult)} passed through {@code redactor}. */
    public static String text(String task, RunResult result, Redactor redactor) {
        return redactor.redact(text(task, result));
    }

    /** One JSON document: answer, stop reason, every step with its tool, input and output, usage and cost. */
    public static ObjectNode json(String task, RunResult result) {
        var root = Json.object();
        root.put("run_id", result.runId());
        root.put("task", task);
        root.put("answer", result.answer());
        root.put("stop_reason", result.stopReason().wire());
        result.error().ifPresent(e -> root.putObject("error").put("code", e.code()).put("message", e.message()));
        var steps = root.putArray("steps");
        for (var entry : result.steps()) {
            steps.add(step(entry));
        }
        root.set("usage", CostText.usage(result.usage()));
        cost(root, result.cost());
        root.put("price_table", CostText.priceTables(result.steps()));
        root.put("billed_attempts", CostText.billedAttempts(result.steps()));
        root.put("duration_ms", result.duration().toMillis());
        return root;
    }

    /** A step as the journal encodes it ({@link JournalCodec}): the CLI shows exactly what was recorded. */
    private static ObjectNode step(JournalEntry entry) {
        var node = JournalCodec.toJson(entry);
        node.remove("v");
        return node;
    }

    /** A few readable lines: the answer, each step, tokens, cost and duration. */
    public static String text(String task, RunResult result) {
        var out = new StringBuilder();
        out.append("Task: ").append(task).append('\n');
        out.append("Answer: ").append(result.answer().isBlank() ? "(none)" : result.answer().strip()).append('\n');
        out.append("Stop reason: ").append(result.stopReason().wire());
        result.error().ifPresent(e -> out.append(" (").append(e.code()).append(": ").append(e.message()).append(')'));
        out.append('\n').append("Steps:\n");
        for (var entry : result.steps()) {
            switch (entry) {
                case ModelStep m -> out.append(String.format("  %d. model %s%s  in=%d out=%d  %d ms%n", m.step(),
                        m.model(), m.response().map(r -> " → " + r.stopReason()).orElse(
                                " → failed: " + m.error().map(e -> e.code()).orElse("?")),
                        m.usage().inputTokens(), m.usage().outputTokens(), m.duration().toMillis()));
                case ToolStep t -> out.append(String.format("     tool %s %s%s → %s  %d ms%n", t.tool(), t.input(),
                        t.result().isError() ? " [error]" : "", shorten(t.result().content()),
                        t.duration().toMillis()));
                case RunOpened ignored -> {
                    // not a step
                }
                case ToolIntent ignored -> {
                    // shown by its outcome
                }
                case RunClosed ignored -> {
                    // the stop reason is shown above
                }
                case PlanFixed p -> out.append(String.format("     plan: side effects %s%s%n",
                        p.sideEffects().isEmpty() ? "none" : p.sideEffects(),
                        p.boundary().isEmpty() ? "" : ", untrusted output spotlighted"));
                case PolicyDecision d -> out.append(String.format("     policy %s %s (%s): %s%n", d.verdict().kind(),
                        d.tool(), d.verdict().rule(), d.verdict().reason()));
                case ApprovalDecided a -> out.append(String.format("     %s %s the call %s%s%n", a.by(),
                        a.approved() ? "approved" : "denied", a.toolUseId(),
                        a.comment().isBlank() ? "" : " (" + a.comment() + ")"));
            }
        }
        out.append(CostText.tokens(result.usage()));
        out.append(CostText.cost(result.cost(), CostText.priceTables(result.steps())));
        out.append("Duration: ").append(result.duration().toMillis()).append(" ms\n");
        return out.toString();
    }

    /** {@code cost_usd} as a number, or null with {@code cost_unknown_reason} when the cost is not known. */
    private static void cost(ObjectNode node, Cost cost) {
        cost.usd().ifPresentOrElse(usd -> node.put("cost_usd", usd.setScale(6, RoundingMode.HALF_UP)), () -> {
            node.putNull("cost_usd");
            node.put("cost_unknown_reason", cost.unknownReason().orElseThrow() + "; set " + MainstayConfig.PRICES);
        });
    }

    public static String dollars(BigDecimal usd) {
        return usd.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private static String shorten(String text) {
        var oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= TEXT_OUTPUT_LIMIT ? oneLine : oneLine.substring(0, TEXT_OUTPUT_LIMIT) + "…";
    }
}
