package dev.mainstay.journal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.PolicyEntry;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.Failover;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;

/** The journal's JSON: one method pair per entry type. Field names are the wire contract. */
public final class EntryJson {
    private EntryJson() {}

    public static ObjectNode encode(JournalEntry entry) {
        return switch (entry) {
            case RunOpened e -> runOpened(e);
            case ModelStep e -> modelStep(e);
            case ToolIntent e -> toolIntent(e);
            case ToolStep e -> toolStep(e);
            case RunClosed e -> runClosed(e);
            case PolicyEntry e -> PolicyJson.encode(e);
        };
    }

    public static JournalEntry decode(ObjectNode node) {
        var type = Fields.text(node, "type");
        return switch (type) {
            case "run_opened" -> runOpened(node);
            case "model_call" -> modelStep(node);
            case "tool_intent" -> toolIntent(node);
            case "tool_call" -> toolStep(node);
            case "run_closed" -> runClosed(node);
            case PolicyJson.PLAN_FIXED, PolicyJson.POLICY_DECISION, PolicyJson.APPROVAL_DECIDED ->
                    PolicyJson.decode(type, node);
            default -> throw new IllegalArgumentException("unknown journal entry type '" + type + "'");
        };
    }

    private static ObjectNode runOpened(RunOpened e) {
        var node = Json.object().put("type", "run_opened");
        var r = e.request();
        node.put("run_id", r.runId()).put("tenant", r.tenantId()).put("user", r.userId()).put("task", r.task());
        if (r.inConversation()) {
            node.put("conversation_id", r.conversationId());
            node.set("history", CompactionJson.messages(r.history()));
        }
        if (r.cacheResponses()) {
            node.put("cache_responses", true);
        }
        node.put("agent", e.agent()).put("model", e.model());
        var limits = node.putObject("limits");
        limits.put("max_steps", e.limits().maxSteps());
        limits.put("max_output_tokens", e.limits().maxOutputTokens());
        limits.put("deadline_ms", e.limits().deadline().toMillis());
        limits.put("max_stream_restarts", e.limits().maxStreamRestarts());
        node.put("deadline", e.deadline().toString());
        node.put("at", e.at().toString());
        e.compaction().ifPresent(c -> node.set("compaction", CompactionJson.write(c)));
        return node;
    }

    private static RunOpened runOpened(ObjectNode n) {
        var history = CompactionJson.messages(n.path("history"));
        var request = new RunRequest(Fields.text(n, "run_id"), Fields.text(n, "tenant"), Fields.text(n, "user"),
                Fields.text(n, "task"), n.path("conversation_id").asText(RunRequest.NO_CONVERSATION), history,
                n.path("cache_responses").asBoolean(false));
        var l = Fields.object(n, "limits");
        var limits = new RunLimits(l.path("max_steps").asInt(), l.path("max_output_tokens").asInt(),
                Duration.ofMillis(l.path("deadline_ms").asLong()), l.path("max_stream_restarts").asInt());
        return new RunOpened(request, Fields.text(n, "agent"), Fields.text(n, "model"), limits,
                Fields.instant(n, "deadline"), Fields.instant(n, "at"), CompactionJson.read(n.get("compaction")));
    }

    private static ObjectNode modelStep(ModelStep e) {
        var node = Json.object().put("type", "model_call").put("step", e.step()).put("model", e.model());
        node.put("messages_sent", e.messagesSent());
        e.response().ifPresent(r -> {
            node.put("stop_reason", r.stopReason().value());
            node.put("request_id", r.requestId());
            node.set("response", ContentJson.response(r));
        });
        node.set("usage", ContentJson.usage(e.usage()));
        CostJson.write(node, e.cost());
        if (!e.priceTable().isEmpty()) {
            node.put("price_table", e.priceTable());
        }
        if (!e.billed().isEmpty()) {
            node.set("billed", CostJson.billed(e.billed()));
        }
        if (!e.route().isEmpty()) {
            node.put("route", e.route());
        }
        if (e.cacheHit()) {
            node.put("cache_hit", true);
        }
        if (!e.failovers().isEmpty()) {
            var array = node.putArray("failovers");
            for (var f : e.failovers()) {
                var item = array.addObject().put("endpoint", f.endpoint()).put("model", f.model())
                        .put("code", f.code()).put("message", f.message());
                if (!f.reason().isEmpty()) {
                    item.put("reason", f.reason());
                }
            }
        }
        node.put("started_at", e.startedAt().toString());
        node.put("duration_ms", e.duration().toMillis());
        e.error().ifPresent(err -> node.set("error", error(err)));
        return node;
    }

    private static ModelStep modelStep(ObjectNode n) {
        var response = n.has("response") ? Optional.of(ContentJson.response(Fields.object(n, "response")))
                : Optional.<dev.mainstay.model.ModelResponse>empty();
        var failovers = new ArrayList<Failover>();
        for (var f : n.path("failovers")) {
            failovers.add(new Failover(f.path("endpoint").asText(), f.path("model").asText(),
                    f.path("code").asText(), f.path("message").asText(), f.path("reason").asText("")));
        }
        return new ModelStep(n.path("step").asInt(), Fields.text(n, "model"), n.path("messages_sent").asInt(),
                response, ContentJson.usage(n.path("usage")), CostJson.read(n), failovers,
                Fields.instant(n, "started_at"), Duration.ofMillis(n.path("duration_ms").asLong()), error(n),
                CostJson.billed(n.path("billed")), n.path("price_table").asText(""), n.path("route").asText(""),
                n.path("cache_hit").asBoolean(false));
    }

    private static ObjectNode toolIntent(ToolIntent e) {
        var node = Json.object().put("type", "tool_intent").put("step", e.step()).put("tool_use_id", e.toolUseId())
                .put("tool", e.tool());
        node.set("input", e.input());
        node.put("at", e.at().toString());
        return node;
    }

    private static ToolIntent toolIntent(ObjectNode n) {
        return new ToolIntent(n.path("step").asInt(), Fields.text(n, "tool_use_id"), Fields.text(n, "tool"),
                Fields.object(n, "input"), Fields.instant(n, "at"));
    }

    private static ObjectNode toolStep(ToolStep e) {
        var node = Json.object().put("type", "tool_call").put("step", e.step()).put("tool_use_id", e.toolUseId())
                .put("tool", e.tool());
        node.set("input", e.input());
        node.put("output", e.result().content());
        node.put("is_error", e.result().isError());
        node.put("degraded", e.result().degraded());
        node.put("backend_unavailable", e.result().backendUnavailable());
        node.put("resolution", e.resolution().name().toLowerCase(Locale.ROOT));
        node.put("started_at", e.startedAt().toString());
        node.put("duration_ms", e.duration().toMillis());
        e.error().ifPresent(err -> node.set("error", error(err)));
        return node;
    }

    private static ToolStep toolStep(ObjectNode n) {
        var result = new ToolResult(Fields.text(n, "output"), n.path("is_error").asBoolean(),
                n.path("degraded").asBoolean(), n.path("backend_unavailable").asBoolean());
        var resolution = ToolStep.Resolution.valueOf(Fields.text(n, "resolution").toUpperCase(Locale.ROOT));
        return new ToolStep(n.path("step").asInt(), Fields.text(n, "tool_use_id"), Fields.text(n, "tool"),
                Fields.object(n, "input"), result, resolution, Fields.instant(n, "started_at"),
                Duration.ofMillis(n.path("duration_ms").asLong()), error(n));
    }

    private static ObjectNode runClosed(RunClosed e) {
        var node = Json.object().put("type", "run_closed").put("stop_reason", e.reason().wire());
        e.error().ifPresent(err -> node.set("error", error(err)));
        node.put("at", e.at().toString());
        return node;
    }

    private static RunClosed runClosed(ObjectNode n) {
        return new RunClosed(RunStopReason.fromWire(Fields.text(n, "stop_reason")), error(n),
                Fields.instant(n, "at"));
    }

    private static ObjectNode error(StepError error) {
        return Json.object().put("code", error.code()).put("message", error.message());
    }

    private static Optional<StepError> error(JsonNode n) {
        var e = n.get("error");
        if (e == null || e.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new StepError(e.path("code").asText(), e.path("message").asText()));
    }

}
