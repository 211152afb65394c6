package dev.mainstay.bench.jmh;

import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.json.Json;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Role;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.util.List;

/**
 * The reference run's model, in memory: the first call asks for both tools, a call that carries their results gets
 * the final text. Answers are built once and shared, so a benchmark over it measures Mainstay's loop and nothing
 * else. Thread-safe.
 */
final class ReferenceModel implements ModelClient {
    private final ModelResponse first = new ModelResponse("msg_1", ReferenceRun.MODEL, List.of(
            new TextBlock("I'll work out 17.5% of 2340 and check the weather in Lisbon at the same time."),
            new ToolUseBlock("toolu_calc", ReferenceRun.CALCULATOR,
                    Json.parseObject("{\"expression\":\"17.5 * 2340 / 100\"}")),
            new ToolUseBlock("toolu_weather", ReferenceRun.WEATHER, Json.parseObject("{\"location\":\"Lisbon\"}"))),
            StopReason.TOOL_USE, new Usage(642, 94, 0, 0), "req_1");
    private final ModelResponse last = new ModelResponse("msg_2", ReferenceRun.MODEL,
            List.of(new TextBlock("17.5% of 2340 is 409.5. In Lisbon it is 21.5 C with a clear sky.")),
            StopReason.END_TURN, new Usage(836, 47, 0, 0), "req_2");

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        var latest = request.messages().getLast();
        boolean hasResults = latest.role() == Role.USER
                && latest.content().stream().anyMatch(b -> b instanceof ToolResultBlock);
        return hasResults ? last : first;
    }

    @Override
    public String name() {
        return "reference";
    }
}
