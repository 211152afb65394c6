package dev.mainstay.bench.peer.springai;

import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.harness.ReferenceTools;
import dev.mainstay.bench.harness.Stack;
import dev.mainstay.bench.harness.StackProcess;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The reference run on Spring AI 2.0.1 without Spring Boot: an {@link AnthropicChatModel} built directly (Spring AI
 * 2.0 runs it on the official SDK, 2.52.0, with its own OkHttp transport), a {@link ChatClient} with two
 * {@code @Tool} methods, and Spring AI's defaults otherwise: the SDK's two retries, a no-op observation registry, no
 * chat memory, tools run one after the other by its tool-calling manager. Nothing is journaled or metered; tool
 * arguments are bound to the method parameters.
 */
public final class SpringAiStack implements Stack {
    /** The reference tools, declared the Spring AI way: schemas are generated from the annotations. */
    public static final class Tools {
        @Tool(name = ReferenceRun.CALCULATOR, description = ReferenceRun.CALCULATOR_DESCRIPTION)
        public String calculator(@ToolParam(description = ReferenceRun.CALCULATOR_PARAMETER_DESCRIPTION) String expression) {
            return ReferenceTools.calculator(expression);
        }

        @Tool(name = ReferenceRun.WEATHER, description = ReferenceRun.WEATHER_DESCRIPTION)
        public String getWeather(@ToolParam(description = ReferenceRun.WEATHER_PARAMETER_DESCRIPTION) String location) {
            return ReferenceTools.weather(location);
        }
    }

    private final AnthropicChatModel model;
    private final ChatClient client;

    public SpringAiStack(URI baseUrl) {
        // Spring AI's base URL is the API's root: no /v1
        this.model = AnthropicChatModel.builder()
                .options(AnthropicChatOptions.builder()
                        .baseUrl(baseUrl.toString())
                        .apiKey(ReferenceRun.API_KEY)
                        .model(ReferenceRun.MODEL)
                        .maxTokens(ReferenceRun.MAX_TOKENS)
                        .timeout(Duration.ofMinutes(2))
                        .build())
                .build();
        this.client = ChatClient.builder(model)
                .defaultSystem(ReferenceRun.SYSTEM_PROMPT)
                .defaultTools(new Tools())
                .build();
    }

    public static void main(String[] args) {
        StackProcess.main("spring-ai", SpringAiStack::new, args);
    }

    @Override
    public String runOnce(boolean stream) {
        var prompt = client.prompt().user(ReferenceRun.TASK);
        if (!stream) {
            return prompt.call().content();
        }
        var pieces = prompt.stream().content().collectList().block(Duration.ofMinutes(2));
        return pieces == null ? null : pieces.stream().collect(Collectors.joining());
    }

    @Override
    public void close() {
        model.getAnthropicClient().close();
        model.getAnthropicClientAsync().close();
    }
}
