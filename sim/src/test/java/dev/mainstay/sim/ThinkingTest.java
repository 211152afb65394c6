package dev.mainstay.sim;

import static dev.mainstay.sim.ErrorEnvelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.TokenEstimator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThinkingTest {
    private Simulator simulator;
    private SimHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller()));
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static ObjectNode thinking(ObjectNode request, String thinkingJson) {
        request.put("max_tokens", 4_096).set("thinking", Json.parse(thinkingJson));
        return request;
    }

    private static ObjectNode enabled(ObjectNode request) {
        return thinking(request, "{\"type\":\"enabled\",\"budget_tokens\":2048}");
    }

    private JsonNode send(ObjectNode request) {
        var response = http.postMessages(Json.write(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @Test
    void startsTheReplyWithASignedThinkingBlockThatCountsAsOutput() {
        var message = send(enabled(Requests.withWeatherTool(false)));

        var content = message.get("content");
        assertThat(content.get(0).get("type").asText()).isEqualTo("thinking");
        var thought = content.get(0).get("thinking").asText();
        assertThat(thought).isEqualTo("The user asks: “What is the weather in Lisbon?”. I need get_weather for this,"
                + " so I will call it with {\"location\":\"Lisbon\"}.");
        assertThat(content.get(0).get("signature").asText()).isNotBlank();
        assertThat(content.get(1).get("type").asText()).isEqualTo("text");
        assertThat(content.get(2).get("type").asText()).isEqualTo("tool_use");
        long answerTokens = TokenEstimator.estimateText("Let me check the weather.") + 8
                + TokenEstimator.estimateText("get_weather") + TokenEstimator.estimateText("{\"location\":\"Lisbon\"}");
        assertThat(message.get("usage").get("output_tokens").asLong())
                .isEqualTo(TokenEstimator.estimateText(thought) + answerTokens);
    }

    @Test
    void acceptsItsThinkingBlockBackWithTheToolResultAndAnswers() {
        var first = send(enabled(Requests.withWeatherTool(false)));
        var toolUseId = first.get("content").get(2).get("id").asText();

        var next = enabled(Requests.withWeatherTool(false));
        var messages = next.withArray("messages");
        messages.addObject().put("role", "assistant").set("content", first.get("content"));
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", toolUseId).put("content", "18 °C, sunny");
        var answer = send(next);

        assertThat(answer.get("content").get(0).get("thinking").asText())
                .startsWith("The tool results are back: get_weather returned “18 °C, sunny”.");
        assertThat(answer.get("content").get(1).get("text").asText()).isEqualTo("The tool said: 18 °C, sunny");
    }

    @Test
    void refusesAThinkingBlockWhoseTextWasChanged() {
        var first = send(enabled(Requests.withWeatherTool(false)));
        var content = first.get("content").deepCopy();
        ((ObjectNode) content.get(0)).put("thinking", "I decided something else.");

        var next = enabled(Requests.withWeatherTool(false));
        next.withArray("messages").addObject().put("role", "assistant").set("content", content);
        next.withArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", content.get(2).get("id").asText()).put("content", "x");

        assertError(http.postMessages(Json.write(next)), 400, "invalid_request_error",
                "messages.1.content.0: Invalid `signature` in `thinking` block");
    }

    @Test
    void refusesAToolLoopThatDroppedTheThinkingBlock() {
        var first = send(enabled(Requests.withWeatherTool(false)));
        var content = first.get("content").deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) content).remove(0);

        var next = enabled(Requests.withWeatherTool(false));
        next.withArray("messages").addObject().put("role", "assistant").set("content", content);
        next.withArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", content.get(1).get("id").asText()).put("content", "x");

        var error = ErrorEnvelopes.assertErrorType(http.postMessages(Json.write(next)), 400, "invalid_request_error");
        assertThat(error.get("message").asText()).startsWith("messages.1.content.0.type: Expected `thinking` or"
                + " `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message"
                + " must start with a thinking block");
    }

    @Test
    void streamsThinkingAsThinkingAndSignatureDeltasBeforeTheAnswer() {
        var events = SimHttp.events(http.postMessages(Json.write(enabled(Requests.withWeatherTool(true)))).body());

        var start = events.stream().filter(e -> e.name().equals("content_block_start")).findFirst().orElseThrow();
        assertThat(start.json().get("content_block").get("type").asText()).isEqualTo("thinking");
        var thinking = new StringBuilder();
        String signature = null;
        for (var event : events) {
            if (event.name().equals("content_block_delta") && event.json().get("index").asInt() == 0) {
                var delta = event.json().get("delta");
                switch (delta.get("type").asText()) {
                    case "thinking_delta" -> thinking.append(delta.get("thinking").asText());
                    case "signature_delta" -> signature = delta.get("signature").asText();
                    default -> throw new AssertionError("unexpected delta in the thinking block: " + delta);
                }
            }
        }
        var whole = send(enabled(Requests.withWeatherTool(false))).get("content").get(0);
        assertThat(thinking.toString()).isEqualTo(whole.get("thinking").asText());
        assertThat(signature).isEqualTo(whole.get("signature").asText());
    }

    @Test
    void omittedDisplaySendsAnEmptySignedBlockButCountsTheThinking() {
        var shown = send(enabled(Requests.withWeatherTool(false)));
        var omitted = send(thinking(Requests.withWeatherTool(false),
                "{\"type\":\"enabled\",\"budget_tokens\":2048,\"display\":\"omitted\"}"));

        assertThat(omitted.get("content").get(0).get("thinking").asText()).isEmpty();
        assertThat(omitted.get("content").get(0).get("signature").asText()).isNotBlank();
        assertThat(omitted.get("usage").get("output_tokens")).isEqualTo(shown.get("usage").get("output_tokens"));
    }

    @Test
    void adaptiveThinkingThinksWithinHalfOfMaxTokens() {
        var request = thinking(Requests.withWeatherTool(false), "{\"type\":\"adaptive\"}").put("max_tokens", 20);

        var message = send(request);

        var thought = message.get("content").get(0).get("thinking").asText();
        assertThat(TokenEstimator.estimateText(thought)).isEqualTo(10);
        assertThat(message.get("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void disabledThinkingAddsNoBlock() {
        var message = send(thinking(Requests.withWeatherTool(false), "{\"type\":\"disabled\"}"));

        assertThat(message.get("content").get(0).get("type").asText()).isEqualTo("text");
    }

    @Test
    void aPrefilledTurnIsContinuedWithoutThinking() {
        var request = enabled(Requests.base(Requests.MODEL, false));
        request.withArray("messages").addObject().put("role", "assistant").put("content", "Sure,");

        assertThat(send(request).get("content").get(0).get("type").asText()).isEqualTo("text");
    }

    @Test
    void appliesTheApisRulesOnTheBudget() {
        assertError(http.postMessages(Json.write(thinking(Requests.base(Requests.MODEL, false),
                        "{\"type\":\"enabled\",\"budget_tokens\":512}"))), 400, "invalid_request_error",
                "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        var tooBig = thinking(Requests.base(Requests.MODEL, false), "{\"type\":\"enabled\",\"budget_tokens\":4096}");
        assertError(http.postMessages(Json.write(tooBig)), 400, "invalid_request_error",
                "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at"
                        + " https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
                        + "#max-tokens-and-context-window-size");
        assertError(http.postMessages(Json.write(thinking(Requests.base(Requests.MODEL, false),
                        "{\"type\":\"enabled\"}"))), 400, "invalid_request_error",
                "thinking.enabled.budget_tokens: Field required");
        assertError(http.postMessages(Json.write(thinking(Requests.base(Requests.MODEL, false),
                        "{\"type\":\"sometimes\"}"))), 400, "invalid_request_error",
                "thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'");
    }

    @Test
    void refusesThinkingWithForcedToolUseOrChangedSampling() {
        var forced = enabled(Requests.withWeatherTool(false));
        forced.set("tool_choice", Json.parse("{\"type\":\"any\"}"));
        assertError(http.postMessages(Json.write(forced)), 400, "invalid_request_error",
                "Thinking may not be enabled when tool_choice forces tool use.");

        var hot = enabled(Requests.base(Requests.MODEL, false)).put("temperature", 0.5);
        var error = ErrorEnvelopes.assertErrorType(http.postMessages(Json.write(hot)), 400, "invalid_request_error");
        assertThat(error.get("message").asText())
                .startsWith("`temperature` may only be set to 1 when thinking is enabled.");

        var topK = enabled(Requests.base(Requests.MODEL, false)).put("top_k", 5);
        error = ErrorEnvelopes.assertErrorType(http.postMessages(Json.write(topK)), 400, "invalid_request_error");
        assertThat(error.get("message").asText()).startsWith("`top_k` must be unset when thinking is enabled.");

        assertThat(http.postMessages(Json.write(enabled(Requests.base(Requests.MODEL, false))
                .put("temperature", 1).put("top_p", 0.95))).statusCode()).isEqualTo(200);
        var lowTopP = enabled(Requests.base(Requests.MODEL, false)).put("top_p", 0.5);
        assertThat(http.postMessages(Json.write(lowTopP)).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesThinkingBlocksInAPrefillWhenThinkingIsDisabled() {
        var first = send(enabled(Requests.base(Requests.MODEL, false)));
        var request = Requests.base(Requests.MODEL, false);
        request.withArray("messages").addObject().put("role", "assistant").putArray("content")
                .add(first.get("content").get(0));

        assertError(http.postMessages(Json.write(request)), 400, "invalid_request_error",
                "messages.1.content.0: When thinking is disabled, an `assistant` message in the final position cannot"
                        + " contain `thinking`. To use thinking blocks, enable `thinking` in your request.");
    }

    @Test
    void redactedThinkingIsAcceptedFromTheAssistantOnly() {
        var accepted = Requests.base(Requests.MODEL, false);
        var assistant = accepted.withArray("messages").addObject().put("role", "assistant").putArray("content");
        assistant.addObject().put("type", "redacted_thinking").put("data", "opaque");
        assistant.addObject().put("type", "text").put("text", "Hello.");
        accepted.withArray("messages").addObject().put("role", "user").put("content", "And now?");
        assertThat(http.postMessages(Json.write(accepted)).statusCode()).isEqualTo(200);

        var request = Requests.base(Requests.MODEL, false);
        request.withArray("messages").insertObject(0).put("role", "user").putArray("content").addObject()
                .put("type", "redacted_thinking").put("data", "opaque");

        assertError(http.postMessages(Json.write(request)), 400, "invalid_request_error",
                "messages.0.content.0: redacted_thinking blocks may only appear in assistant messages");
    }
}
