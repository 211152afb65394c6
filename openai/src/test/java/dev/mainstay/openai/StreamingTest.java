package dev.mainstay.openai;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.openai.Fixtures.context;
import static dev.mainstay.openai.Fixtures.paddedAfter;
import static dev.mainstay.openai.Fixtures.read;
import static dev.mainstay.openai.Fixtures.request;
import static dev.mainstay.openai.Fixtures.sse;
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
import dev.mainstay.testing.RecordingObserver.Event;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
    @RegisterExtension
    final FakeOpenAiServer openai = new FakeOpenAiServer();

    @Test
    void streamsTextAsItArrivesThenReportsEachBlockInContentOrder() {
        openai.server().enqueue(sse(read("stream-text-and-tool-calls.sse")));
        var observer = new RecordingObserver();

        var response = openai.client().call(request(true), context(observer));

        var lyon = new ToolUseBlock("call_7mUcSdjBBmTtYRFcLqUYZGvd", "get_weather",
                Json.parseObject("{\"location\":\"Lyon\"}"));
        var paris = new ToolUseBlock("call_xL2ri4HmJXW6PnHDeF0kzcxS", "get_weather",
                Json.parseObject("{\"location\":\"Paris\"}"));
        assertThat(observer.events()).containsExactly(
                new Event(0, "Checking", null),
                new Event(0, " both cities.", null),
                new Event(0, null, new TextBlock("Checking both cities.")),
                new Event(1, null, lyon),
                new Event(2, null, paris));
        assertThat(response.content()).containsExactlyElementsOf(observer.completedBlocks());
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(142, 61, 0, 1280));
        assertThat(response.id()).isEqualTo("chatcmpl-9tXji2y8kKxlOO3muVvfdJ7E");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.requestId()).isEqualTo("req_stream_01");
    }

    @Test
    void aStreamCutAfterContentIsAConnectionErrorWithContentDelivered() {
        openai.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-first-delta.sse")))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        var observer = new RecordingObserver();

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(true), context(observer)));

        assertThat(e.contentDelivered()).isTrue();
        assertThat(observer.textDeltas()).containsExactly("Hello");
        assertThat(observer.completedBlocks()).as("an unfinished block is never reported complete").isEmpty();
    }

    @Test
    void aStreamThatEndsWithoutDoneOrAFinishReasonIsACutStream() {
        openai.server().enqueue(sse(read("stream-first-delta.sse")));

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(true), context(new RecordingObserver())));

        assertThat(e.getMessage()).contains("[DONE]");
        assertThat(e.contentDelivered()).isTrue();
    }

    @Test
    void aStreamCutBeforeItsUsageChunkRecordsAnEstimateOfWhatWasBilled() {
        openai.server().enqueue(sse(read("stream-first-delta.sse")));
        var request = request(true);

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request, context(new RecordingObserver())));

        assertThat(e.billedUsage().inputTokens()).isEqualTo(dev.mainstay.model.TokenEstimator.estimateInput(request));
        assertThat(e.billedUsage().outputTokens()).isEqualTo(dev.mainstay.model.TokenEstimator.estimateText("Hello"));
    }

    @Test
    void aStreamCutWhileOnlyToolCallsArrivedDeliveredNothingAndMayBeRetried() {
        openai.server().enqueue(sse("""
                data: {"id":"chatcmpl-2","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"loc"}}]},"finish_reason":null}]}

                """));

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(true), context(new RecordingObserver())));

        assertThat(e.contentDelivered()).isFalse();
    }

    @Test
    void aStreamClosedWithoutDoneAfterFinishAndUsageIsComplete() {
        openai.server().enqueue(sse("""
                data: {"id":"chatcmpl-3","model":"llama3.1:8b","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi."},"finish_reason":null}]}

                data: {"id":"chatcmpl-3","model":"llama3.1:8b","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: {"id":"chatcmpl-3","model":"llama3.1:8b","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}

                """));

        var response = openai.client().call(request(true), context(new RecordingObserver()));

        assertThat(response.text()).isEqualTo("Hi.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(12, 2, 0, 0));
    }

    @Test
    void anErrorChunkInsideTheStreamIsAnInStreamApiError() {
        openai.server().enqueue(sse(read("stream-first-delta.sse") + """
                data: {"error":{"message":"The server is overloaded, please try again later.","type":"server_error","code":null}}

                """));

        var e = catchThrowableOfType(ModelApiException.class,
                () -> openai.client().call(request(true), context(new RecordingObserver())));

        assertThat(e.inStream()).isTrue();
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.OVERLOADED);
        assertThat(e.contentDelivered()).isTrue();
        assertThat(e.requestId()).isEqualTo("req_stream_01");
    }

    @Test
    void malformedStreamedToolArgumentsFailTheCall() {
        openai.server().enqueue(sse("""
                data: {"id":"chatcmpl-4","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\": Lyon}"}}]},"finish_reason":null}]}

                data: {"id":"chatcmpl-4","model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                data: [DONE]

                """));
        var observer = new RecordingObserver();

        var e = catchThrowableOfType(ModelConnectionException.class,
                () -> openai.client().call(request(true), context(observer)));

        assertThat(e.getMessage()).contains("malformed tool arguments").doesNotContain("Lyon");
        assertThat(observer.events()).isEmpty();
    }

    @Test
    void toolCallFragmentsWithoutAnIndexAreJoinedByTheirId() {
        openai.server().enqueue(sse("""
                data: {"id":"chatcmpl-5","model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":"}}]}}]}

                data: {"id":"chatcmpl-5","model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"\\"Lyon\\"}"}}]}}]}

                data: {"id":"chatcmpl-5","model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}

                data: [DONE]

                """));

        var response = openai.client().call(request(true), context(new RecordingObserver()));

        assertThat(response.toolUses()).containsExactly(
                new ToolUseBlock("call_a", "get_weather", Json.parseObject("{\"location\":\"Lyon\"}")),
                new ToolUseBlock("call_b", "get_time", Json.object()));
    }
}
