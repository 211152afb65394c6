package dev.mainstay.bench.stacks;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.harness.ReferenceTools;
import dev.mainstay.bench.harness.Stack;
import dev.mainstay.bench.harness.StackProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The floor: the loop a developer writes by hand on the official SDK, with the SDK's defaults (its own two retries,
 * its 10-minute timeout). Tools run one after the other on the calling thread. Nothing is journaled, metered,
 * validated or limited.
 */
public final class RawStack implements Stack {
    /** More model calls than this means the model is looping: the run fails. */
    static final int MAX_MODEL_CALLS = 8;

    private final AnthropicClient client;
    private final Tool calculator;
    private final Tool weather;

    public RawStack(URI baseUrl) {
        this.client = AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl.toString())
                .apiKey(ReferenceRun.API_KEY)
                .build();
        this.calculator = tool(ReferenceRun.CALCULATOR, ReferenceRun.CALCULATOR_DESCRIPTION,
                ReferenceRun.CALCULATOR_PARAMETER, ReferenceRun.CALCULATOR_PARAMETER_DESCRIPTION);
        this.weather = tool(ReferenceRun.WEATHER, ReferenceRun.WEATHER_DESCRIPTION,
                ReferenceRun.WEATHER_PARAMETER, ReferenceRun.WEATHER_PARAMETER_DESCRIPTION);
    }

    public static void main(String[] args) {
        StackProcess.main("raw", RawStack::new, args);
    }

    @Override
    public String runOnce(boolean stream) {
        var params = MessageCreateParams.builder()
                .model(ReferenceRun.MODEL)
                .maxTokens(ReferenceRun.MAX_TOKENS)
                .system(ReferenceRun.SYSTEM_PROMPT)
                .addTool(calculator)
                .addTool(weather)
                .addUserMessage(ReferenceRun.TASK);
        for (int call = 0; call < MAX_MODEL_CALLS; call++) {
            var message = stream ? streamed(params.build()) : client.messages().create(params.build());
            var uses = message.content().stream().filter(ContentBlock::isToolUse).map(ContentBlock::asToolUse)
                    .toList();
            if (uses.isEmpty() || !message.stopReason().map(StopReason.TOOL_USE::equals).orElse(false)) {
                return message.content().stream().filter(ContentBlock::isText).map(b -> b.asText().text())
                        .collect(Collectors.joining());
            }
            params.addMessage(message);
            var results = new ArrayList<ContentBlockParam>(uses.size());
            for (var use : uses) {
                results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id())
                        .content(execute(use))
                        .build()));
            }
            params.addUserMessageOfContentBlockParams(results);
        }
        throw new IllegalStateException("no final answer after " + MAX_MODEL_CALLS + " model calls");
    }

    private Message streamed(MessageCreateParams params) {
        var accumulator = MessageAccumulator.create();
        try (var events = client.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static String execute(ToolUseBlock use) {
        Map<?, ?> input = use._input().convert(Map.class);
        return switch (use.name()) {
            case ReferenceRun.CALCULATOR -> ReferenceTools.calculator(text(input, ReferenceRun.CALCULATOR_PARAMETER));
            case ReferenceRun.WEATHER -> ReferenceTools.weather(text(input, ReferenceRun.WEATHER_PARAMETER));
            default -> "error: unknown tool '" + use.name() + "'";
        };
    }

    private static String text(Map<?, ?> input, String name) {
        return input != null && input.get(name) instanceof String s ? s : null;
    }

    private static Tool tool(String name, String description, String parameter, String parameterDescription) {
        return Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of(parameter,
                                Map.of("type", "string", "description", parameterDescription))))
                        .required(List.of(parameter))
                        .build())
                .build();
    }

    @Override
    public void close() {
        client.close();
    }
}
