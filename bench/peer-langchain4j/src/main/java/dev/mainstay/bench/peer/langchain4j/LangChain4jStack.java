package dev.mainstay.bench.peer.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.harness.ReferenceTools;
import dev.mainstay.bench.harness.Stack;
import dev.mainstay.bench.harness.StackProcess;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference run on LangChain4j 1.19: an {@code AiServices} assistant with two {@code @Tool} methods, on
 * {@code langchain4j-anthropic} (LangChain4j's own Anthropic client on the JDK HTTP client, not the official SDK),
 * with its defaults: two retries per model call, 60 s timeout, no chat memory (each run is a fresh conversation),
 * tools run one after the other. Nothing is journaled, metered or validated beyond parsing the tool arguments.
 */
public final class LangChain4jStack implements Stack {
    /** The AI service: one method per call style. */
    interface Assistant {
        String chat(String task);

        TokenStream chatStream(String task);
    }

    /** The reference tools, declared the LangChain4j way: schemas come from the annotations. */
    public static final class Tools {
        @Tool(name = ReferenceRun.CALCULATOR, value = ReferenceRun.CALCULATOR_DESCRIPTION)
        public String calculator(@P(ReferenceRun.CALCULATOR_PARAMETER_DESCRIPTION) String expression) {
            return ReferenceTools.calculator(expression);
        }

        @Tool(name = ReferenceRun.WEATHER, value = ReferenceRun.WEATHER_DESCRIPTION)
        public String getWeather(@P(ReferenceRun.WEATHER_PARAMETER_DESCRIPTION) String location) {
            return ReferenceTools.weather(location);
        }
    }

    private final Assistant assistant;

    public LangChain4jStack(URI baseUrl) {
        // LangChain4j's Anthropic client wants the base URL with /v1/
        var url = baseUrl.toString().replaceAll("/+$", "") + "/v1/";
        var model = AnthropicChatModel.builder()
                .baseUrl(url)
                .apiKey(ReferenceRun.API_KEY)
                .modelName(ReferenceRun.MODEL)
                .maxTokens(ReferenceRun.MAX_TOKENS)
                .build();
        var streamingModel = AnthropicStreamingChatModel.builder()
                .baseUrl(url)
                .apiKey(ReferenceRun.API_KEY)
                .modelName(ReferenceRun.MODEL)
                .maxTokens(ReferenceRun.MAX_TOKENS)
                .build();
        this.assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .streamingChatModel(streamingModel)
                .systemMessageProvider(memoryId -> ReferenceRun.SYSTEM_PROMPT)
                .tools(new Tools())
                .build();
    }

    public static void main(String[] args) {
        StackProcess.main("langchain4j", LangChain4jStack::new, args);
    }

    @Override
    public String runOnce(boolean stream) throws InterruptedException, ExecutionException, TimeoutException {
        if (!stream) {
            return assistant.chat(ReferenceRun.TASK);
        }
        var done = new CompletableFuture<ChatResponse>();
        assistant.chatStream(ReferenceRun.TASK)
                .onPartialResponse(text -> { })
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();
        return done.get(2, TimeUnit.MINUTES).aiMessage().text();
    }

    @Override
    public void close() {
        // the models hold no resources that need closing: the JDK HTTP client is released with them
    }
}
