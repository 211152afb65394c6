package dev.mainstay.openai;

import static dev.mainstay.openai.Fixtures.context;
import static dev.mainstay.openai.Fixtures.json;
import static dev.mainstay.openai.Fixtures.read;
import static dev.mainstay.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseMappingTest {
    @RegisterExtension
    final FakeOpenAiServer openai = new FakeOpenAiServer();

    @Test
    void mapsTextAndToolCallsWithUsageCountingCachedTokensAsCacheReads() {
        openai.server().enqueue(json(200, read("chat-completion-tool-calls.json")));

        var response = openai.client().call(request(false), context());

        assertThat(response.id()).isEqualTo("chatcmpl-BcQ8ko2nz9B7CRvV0uVbcowidHpQU");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.requestId()).isEqualTo("req_5f1c2a9e7b3d4c8fa1e2b3c4d5e6f708");
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.content()).containsExactly(
                new TextBlock("Let me check the weather in both cities."),
                new ToolUseBlock("call_qOfTGgDrItLORNfC6VwUbyLL", "get_weather",
                        Json.parseObject("{\"location\":\"Lyon\",\"unit\":\"celsius\"}")),
                new ToolUseBlock("call_8wU2fDlxn1TTMQfVgcyYxZtr", "get_weather",
                        Json.parseObject("{\"location\":\"Paris\",\"unit\":\"celsius\"}")));
        // 2006 prompt tokens of which 1920 were cached: input + cache read == prompt_tokens
        assertThat(response.usage()).isEqualTo(new Usage(86, 300, 0, 1920));
    }

    @Test
    void mapsAPlainTextAnswer() {
        openai.server().enqueue(json(200, read("chat-completion-text.json")));

        var response = openai.client().call(request(false), context());

        assertThat(response.text()).isEqualTo("It is 14 °C and sunny in Lyon.");
        assertThat(response.toolUses()).isEmpty();
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(23, 14, 0, 0));
    }

    @ParameterizedTest(name = "finish_reason {0} → {1}")
    @CsvSource({
        "stop, end_turn",
        "length, max_tokens",
        "content_filter, refusal",
        "tool_calls, tool_use",
        "function_call, tool_use",
        "eos_token, eos_token"
    })
    void mapsEachFinishReasonToAStopReason(String finishReason, String stopReason) {
        openai.server().enqueue(json(200, completion("\"Hi.\"", null, finishReason)));

        var response = openai.client().call(request(false), context());

        assertThat(response.stopReason()).isEqualTo(StopReason.of(stopReason));
    }

    @Test
    void aStopWithToolCallsStillAsksForTheTools() {
        openai.server().enqueue(json(200, completion("null", toolCall("call_1", "{\\\"location\\\":\\\"Lyon\\\"}"), "stop")));

        var response = openai.client().call(request(false), context());

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolUses()).extracting(ToolUseBlock::id).containsExactly("call_1");
    }

    @Test
    void malformedToolArgumentsAreAnUnreadableResponseThatQuotesNothing() {
        openai.server().enqueue(json(200, completion("null", toolCall("call_1", "{\\\"location\\\": \\\"Ly"), "tool_calls")));

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(false), context()));

        assertThat(e.getMessage()).contains("malformed tool arguments").contains("call_1").doesNotContain("Ly");
        assertThat(e.code()).isEqualTo("connection_error");
        assertThat(e.contentDelivered()).isFalse();
    }

    @Test
    void argumentsCutShortByTheTokenLimitDropTheIncompleteCall() {
        openai.server().enqueue(json(200, completion("\"Checking.\"", toolCall("call_1", "{\\\"loc"), "length")));

        var response = openai.client().call(request(false), context());

        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(response.content()).containsExactly(new TextBlock("Checking."));
    }

    @Test
    void aRefusalBecomesTheTextWithARefusalStopReason() {
        openai.server().enqueue(json(200, """
                {"id":"chatcmpl-1","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "refusal":"I'm sorry, I can't help with that."},"finish_reason":"stop"}]}"""));

        var response = openai.client().call(request(false), context());

        assertThat(response.text()).isEqualTo("I'm sorry, I can't help with that.");
        assertThat(response.stopReason()).isEqualTo(StopReason.REFUSAL);
        assertThat(response.usage()).as("no usage reported").isEqualTo(Usage.ZERO);
    }

    @Test
    void aBodyThatIsNotJsonIsAConnectionError() {
        openai.server().enqueue(json(200, "<html>gateway says hi</html>"));

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(false), context()));

        assertThat(e.getMessage()).contains("not valid JSON").doesNotContain("gateway");
    }

    @Test
    void aCompletionWithoutChoicesIsAConnectionError() {
        openai.server().enqueue(json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[]}"));

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(false), context()));

        assertThat(e.getMessage()).contains("without choices");
    }

    @Test
    void anErrorObjectInsideA200IsAnApiError() {
        openai.server().enqueue(json(200, """
                {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}"""));

        var e = catchThrowableOfType(ModelApiException.class, () -> openai.client().call(request(false), context()));

        assertThat(e.status()).isEqualTo(200);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.API_ERROR);
        assertThat(e.inStream()).isFalse();
    }

    private static String completion(String content, String toolCalls, String finishReason) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1748496646,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s%s},"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"""
                .formatted(content, toolCalls == null ? "" : ",\"tool_calls\":[" + toolCalls + "]", finishReason);
    }

    private static String toolCall(String id, String escapedArguments) {
        return "{\"id\":\"%s\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"%s\"}}"
                .formatted(id, escapedArguments);
    }
}
