package dev.mainstay.openai;

import static dev.mainstay.openai.Fixtures.bodyOf;
import static dev.mainstay.openai.Fixtures.context;
import static dev.mainstay.openai.Fixtures.json;
import static dev.mainstay.openai.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestMappingTest {
    @RegisterExtension
    final FakeOpenAiServer openai = new FakeOpenAiServer();

    private static final ToolDefinition WEATHER = new ToolDefinition(
            "get_weather",
            "Current weather for a place.",
            Json.parseObject("""
                    {"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""));

    @Test
    void sendsTheSystemPromptAndAToolRoundTripAsChatCompletionsMessages() throws Exception {
        var request = new ModelRequest(
                "gpt-4o-mini",
                "You are a weather assistant.",
                List.of(
                        Message.user("Weather in Lyon and Paris?"),
                        Message.assistant(List.of(
                                new TextBlock("Checking both."),
                                new ToolUseBlock("call_lyon", "get_weather", Json.parseObject("{\"location\":\"Lyon\"}")),
                                new ToolUseBlock("call_paris", "get_weather", Json.parseObject("{\"location\":\"Paris\"}")))),
                        new Message(Role.USER, List.of(
                                new ToolResultBlock("call_lyon", "14 °C, sunny", false),
                                new ToolResultBlock("call_paris", "weather service unavailable", true),
                                new TextBlock("Answer in one line.")))),
                List.of(WEATHER),
                512,
                false,
                true);

        var body = send(request);

        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(512);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.get("messages")).isEqualTo(Json.parse("""
                [
                  {"role":"system","content":"You are a weather assistant."},
                  {"role":"user","content":"Weather in Lyon and Paris?"},
                  {"role":"assistant","content":"Checking both.","tool_calls":[
                    {"id":"call_lyon","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Lyon\\"}"}},
                    {"id":"call_paris","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}
                  ]},
                  {"role":"tool","tool_call_id":"call_lyon","content":"14 °C, sunny"},
                  {"role":"tool","tool_call_id":"call_paris","content":"ERROR: weather service unavailable"},
                  {"role":"user","content":"Answer in one line."}
                ]"""));
        assertThat(body.get("tools")).isEqualTo(Json.parse("""
                [{"type":"function","function":{"name":"get_weather","description":"Current weather for a place.",
                  "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]"""));
    }

    @Test
    void anAssistantTurnWithOnlyToolCallsHasNullContentAndAUserTurnOfOnlyResultsHasNoUserMessage() throws Exception {
        var request = new ModelRequest(
                "gpt-4o-mini", "",
                List.of(
                        Message.user("Weather in Lyon?"),
                        Message.assistant(List.of(
                                new ToolUseBlock("call_1", "get_weather", Json.parseObject("{\"location\":\"Lyon\"}")))),
                        new Message(Role.USER, List.of(new ToolResultBlock("call_1", "14 °C", false)))),
                List.of(WEATHER), 256, false, false);

        var messages = send(request).get("messages");

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).get("role").asText()).as("no system message for an empty prompt").isEqualTo("user");
        assertThat(messages.get(1).get("content").isNull()).isTrue();
        assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
    }

    @Test
    void postsToChatCompletionsWithTheKeyAsABearerToken() throws Exception {
        openai.server().enqueue(json(200, read("chat-completion-text.json")));

        openai.client().call(Fixtures.request(false), context());

        var recorded = take();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + Fixtures.API_KEY);
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(bodyOf(recorded).has("tools")).as("no tools declared, no tools field").isFalse();
    }

    @Test
    void aServerWithoutAKeyGetsNoAuthorizationHeader() throws Exception {
        openai.reconfigure(config -> new OpenAiConfig("", config.baseUrl(), config.model(), null, null));
        openai.server().enqueue(json(200, read("chat-completion-text.json")));

        openai.client().call(Fixtures.request(false), context());

        assertThat(take().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aStreamingRequestAsksForUsageInTheLastChunk() throws Exception {
        openai.server().enqueue(Fixtures.sse(read("stream-text-and-tool-calls.sse")));

        openai.client().call(Fixtures.request(true), context());

        var recorded = take();
        var body = bodyOf(recorded);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options")).isEqualTo(Json.parse("{\"include_usage\":true}"));
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void aClaudeModelIdIsReplacedByTheConfiguredModel() throws Exception {
        var body = send(Fixtures.request(false).withModel("claude-sonnet-4-5"));

        assertThat(body.get("model").asText()).isEqualTo(Fixtures.MODEL);
    }

    @Test
    void anyOtherModelIdIsSentAsGiven() throws Exception {
        var body = send(Fixtures.request(false).withModel("llama3.1:8b"));

        assertThat(body.get("model").asText()).isEqualTo("llama3.1:8b");
    }

    @Test
    void aToolUseInAUserMessageIsRejectedBeforeAnythingIsSent() {
        var request = new ModelRequest("gpt-4o-mini", "",
                List.of(new Message(Role.USER, List.of(new ToolUseBlock("call_1", "get_weather", Json.object())))),
                List.of(), 256, false, false);

        assertThatThrownBy(() -> openai.client().call(request, context()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool_use call_1");
        assertThat(openai.server().getRequestCount()).isZero();
    }

    private JsonNode send(ModelRequest request) throws InterruptedException {
        openai.server().enqueue(json(200, read("chat-completion-text.json")));
        openai.client().call(request, context());
        return bodyOf(take());
    }

    private RecordedRequest take() throws InterruptedException {
        var recorded = openai.server().takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded).as("a request reached the server").isNotNull();
        return recorded;
    }
}
