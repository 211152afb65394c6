package dev.mainstay.store;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.Failover;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.tool.ToolResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Journal entries of every kind, for tests. */
final class Entries {
    static final Instant AT = Instant.parse("2026-01-01T00:00:00.123456789Z");

    private Entries() {}

    static RunOpened opened(String runId) {
        var request = new RunRequest(runId, "t", "alice", "Weather in Porto?", "conv_1",
                List.of(Message.user("Weather in Lisbon?"), Message.assistant(List.of(new TextBlock("Sunny, 24°C.")))));
        return new RunOpened(request, "reference", "claude-sonnet-4-5", RunLimits.DEFAULTS, AT.plusSeconds(120), AT);
    }

    static ModelStep modelStep(int step) {
        var response = new ModelResponse("msg_" + step, "claude-sonnet-4-5", List.of(new TextBlock("Let me check."),
                new ToolUseBlock("toolu_" + step, "get_weather", Json.object().put("place", "Porto"))),
                StopReason.TOOL_USE, new Usage(120, 40, 7, 3), "req_1");
        return new ModelStep(step, "claude-sonnet-4-5", 3, Optional.of(response), new Usage(120, 40, 7, 3),
                Cost.usd(new BigDecimal("0.00123456")), List.of(new Failover("primary", "claude-opus-4", "overloaded",
                        "overloaded")), AT, Duration.ofMillis(812), Optional.empty());
    }

    static ModelStep failedUnpriced(int step) {
        return new ModelStep(step, "my-model", 1, Optional.empty(), Usage.ZERO, Cost.unpriced("my-model"), List.of(),
                AT, Duration.ofMillis(5), Optional.of(new StepError("timeout", "the model did not answer in time")));
    }

    static ToolIntent intent(String toolUseId) {
        return new ToolIntent(1, toolUseId, "save_note", Json.object().put("title", "trip").put("body", "Porto"), AT);
    }

    static ToolStep toolStep(String toolUseId) {
        return new ToolStep(1, toolUseId, "save_note", Json.object().put("title", "trip").put("body", "Porto"),
                ToolResult.ok("Saved note \"trip\"."), ToolStep.Resolution.RAN, AT, Duration.ofMillis(3),
                Optional.empty());
    }

    static RunClosed closed() {
        return new RunClosed(RunStopReason.COMPLETED, Optional.empty(), AT.plusSeconds(2));
    }
}
