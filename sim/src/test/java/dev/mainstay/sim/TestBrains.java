package dev.mainstay.sim;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.brain.Reply;
import java.util.List;

/** Small deterministic brains for the server's tests (the real ones are tested in dev.mainstay.sim.brain). */
final class TestBrains {
    private TestBrains() {}

    /**
     * With tools declared and no tool result yet: a sentence and a call of the first tool with
     * {@code {"location":"Lisbon"}}; after a tool result: a sentence quoting it; without tools: a fixed sentence.
     */
    static Brain toolCaller() {
        return request -> {
            var last = request.messages().getLast().content();
            for (ContentBlock block : last) {
                if (block instanceof ToolResultBlock result) {
                    return new Reply(List.of(new TextBlock("The tool said: " + result.content())), StopReason.END_TURN);
                }
            }
            if (request.tools().isEmpty()) {
                return new Reply(List.of(new TextBlock("Hello from the simulator, in a few words of text.")),
                        StopReason.END_TURN);
            }
            var input = Json.object().put("location", "Lisbon");
            return new Reply(
                    List.of(new TextBlock("Let me check the weather."),
                            new ToolUseBlock("", request.tools().getFirst().name(), input)),
                    StopReason.TOOL_USE);
        };
    }

    /** With tools declared: a sentence and one call of every declared tool, with {@code {"location":"Lisbon"}}. */
    static Brain callsEveryTool() {
        return request -> {
            var content = new java.util.ArrayList<ContentBlock>();
            content.add(new TextBlock("Let me look that up."));
            for (var tool : request.tools()) {
                content.add(new ToolUseBlock("", tool.name(), Json.object().put("location", "Lisbon")));
            }
            return new Reply(content, request.tools().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE);
        };
    }

    static Brain fixedText(String text) {
        return request -> new Reply(List.of(new TextBlock(text)), StopReason.END_TURN);
    }
}
