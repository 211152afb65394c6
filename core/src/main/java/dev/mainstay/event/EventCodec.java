package dev.mainstay.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.internal.ContentJson;
import dev.mainstay.journal.internal.CostJson;
import dev.mainstay.journal.internal.PolicyJson;
import dev.mainstay.json.Json;
import java.util.Optional;

/**
 * The one JSON form of run events, as the service stores them and streams them to clients (Server-Sent Events: the
 * event's {@code type} is the SSE event name, its {@code seq} the SSE id). Versioned like the journal: {@code "v"}
 * is {@link #VERSION}. Events carry identifiers, names, codes, counts and costs — and, in {@code text_delta} and
 * {@code tool_call_started}, the model's text and the tool's input, which the client watching its own run may see.
 * Security events ({@code policy_decided}, {@code approval_applied}, {@code injection_suspected}) carry rules and
 * reasons that name tools and arguments, never their values. New event types are added without a version change:
 * a client skips types it does not know.
 */
public final class EventCodec {
    public static final int VERSION = 1;

    private EventCodec() {}

    /** The SSE event name of {@code event}, e.g. {@code model_call_finished}. */
    public static String type(RunEvent event) {
        return switch (event) {
            case RunStarted e -> "run_started";
            case RunFinished e -> "run_finished";
            case ModelCallStarted e -> "model_call_started";
            case ModelCallFinished e -> "model_call_finished";
            case ModelCallFailed e -> "model_call_failed";
            case ToolCallStarted e -> "tool_call_started";
            case ToolCallFinished e -> "tool_call_finished";
            case TextDelta e -> "text_delta";
            case PolicyDecided e -> "policy_decided";
            case ApprovalApplied e -> "approval_applied";
            case InjectionSuspected e -> "injection_suspected";
        };
    }

    public static ObjectNode toJson(RunEvent event) {
        var node = Json.object().put("v", VERSION).put("type", type(event)).put("seq", event.seq())
                .put("run_id", event.runId()).put("at", event.at().toString());
        switch (event) {
            case RunStarted e -> node.put("user", e.userId()).put("agent", e.agent()).put("resumed", e.resumed());
            case RunFinished e -> {
                node.put("stop_reason", e.stopReason().wire()).put("steps", e.steps());
                node.set("usage", ContentJson.usage(e.usage()));
                CostJson.write(node, e.cost());
                node.put("duration_ms", e.duration().toMillis());
                error(node, e.error());
            }
            case ModelCallStarted e -> node.put("step", e.step()).put("model", e.model()).put("stream", e.stream());
            case ModelCallFinished e -> {
                node.put("step", e.step()).put("model", e.model()).put("stop_reason", e.stopReason().value());
                node.set("usage", ContentJson.usage(e.usage()));
                CostJson.write(node, e.cost());
                if (!e.failovers().isEmpty()) {
                    var array = node.putArray("failovers");
                    e.failovers().forEach(f -> array.addObject().put("endpoint", f.endpoint()).put("model", f.model())
                            .put("code", f.code()));
                }
                node.put("duration_ms", e.duration().toMillis());
            }
            case ModelCallFailed e -> node.put("step", e.step()).put("model", e.model()).put("error_code", e.errorCode())
                    .put("message", e.message()).put("content_delivered", e.contentDelivered())
                    .put("duration_ms", e.duration().toMillis());
            case ToolCallStarted e -> {
                node.put("step", e.step()).put("tool_use_id", e.toolUseId()).put("tool", e.tool());
                node.set("input", e.input());
            }
            case ToolCallFinished e -> node.put("step", e.step()).put("tool_use_id", e.toolUseId()).put("tool", e.tool())
                    .put("is_error", e.isError()).put("degraded", e.degraded()).put("replayed", e.replayed())
                    .put("duration_ms", e.duration().toMillis());
            case TextDelta e -> node.put("step", e.step()).put("index", e.index()).put("text", e.text());
            case PolicyDecided e -> {
                node.put("step", e.step()).put("tool_use_id", e.toolUseId()).put("tool", e.tool());
                node.setAll(PolicyJson.verdict(e.verdict()));
            }
            case ApprovalApplied e -> node.put("step", e.step()).put("tool_use_id", e.toolUseId()).put("tool", e.tool())
                    .put("decision", e.approved() ? "approve" : "deny").put("by", e.by());
            case InjectionSuspected e -> {
                node.put("step", e.step()).put("tool_use_id", e.toolUseId()).put("tool", e.tool())
                        .put("score", e.score());
                var signals = node.putArray("signals");
                e.signals().forEach(signals::add);
            }
        }
        return node;
    }

    private static void error(ObjectNode node, Optional<StepError> error) {
        error.ifPresent(e -> node.putObject("error").put("code", e.code()).put("message", e.message()));
    }
}
