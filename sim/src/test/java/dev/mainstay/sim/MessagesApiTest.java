package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagesApiTest {
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

    @Test
    void bindsLoopbackOnARandomPortAndGivesTheBaseUrlWithoutV1() {
        assertThat(simulator.port()).isPositive();
        assertThat(simulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + simulator.port());
    }

    @Test
    void answersANonStreamingRequestInTheRealMessageShape() {
        var response = http.postMessages(Json.write(Requests.withWeatherTool(false)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        var message = Json.parse(response.body());
        assertThat(message.get("id").asText()).matches("msg_01[0-9A-Za-z]{22}");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("model").asText()).isEqualTo(Requests.MODEL);
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        var content = message.get("content");
        assertThat(content.get(0).get("type").asText()).isEqualTo("text");
        assertThat(content.get(0).get("text").asText()).isEqualTo("Let me check the weather.");
        assertThat(content.get(1).get("type").asText()).isEqualTo("tool_use");
        assertThat(content.get(1).get("id").asText()).matches("toolu_01[0-9A-Za-z]{22}");
        assertThat(content.get(1).get("name").asText()).isEqualTo("get_weather");
        assertThat(content.get(1).get("input")).isEqualTo(Json.parseObject("{\"location\":\"Lisbon\"}"));
        var usage = message.get("usage");
        assertThat(usage.get("input_tokens").asLong()).isPositive();
        assertThat(usage.get("output_tokens").asLong()).isPositive();
        assertThat(usage.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(usage.get("cache_read_input_tokens").asLong()).isZero();
    }

    @Test
    void streamsTheRealEventSequence() {
        var response = http.postMessages(Json.write(Requests.withWeatherTool(true)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        var events = SimHttp.events(response.body());
        var names = SimHttp.names(events);
        assertThat(names.getFirst()).isEqualTo("message_start");
        assertThat(names.subList(1, 3)).containsExactly("content_block_start", "ping");
        assertThat(names.subList(names.size() - 4, names.size()))
                .containsExactly("content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(names).containsSubsequence("content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(names.stream().filter("content_block_start"::equals)).hasSize(2);
        for (var event : events) {
            assertThat(event.json().get("type").asText()).isEqualTo(event.name());
        }
        var start = events.getFirst().json().get("message");
        assertThat(start.get("content")).isEmpty();
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.get("usage").get("input_tokens").asLong()).isPositive();
        var toolStart = events.stream().filter(e -> e.name().equals("content_block_start")).toList().get(1).json();
        assertThat(toolStart.get("index").asInt()).isEqualTo(1);
        assertThat(toolStart.get("content_block").get("type").asText()).isEqualTo("tool_use");
        assertThat(toolStart.get("content_block").get("input")).isEmpty();
        var delta = events.get(names.size() - 2).json();
        assertThat(delta.get("delta").get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.get("usage").get("output_tokens").asLong()).isPositive();
    }

    @Test
    void streamedDeltasRebuildExactlyTheNonStreamingContent() {
        var whole = Json.parse(http.postMessages(Json.write(Requests.withWeatherTool(false))).body());
        var events = SimHttp.events(http.postMessages(Json.write(Requests.withWeatherTool(true))).body());

        var text = new StringBuilder();
        var partialJson = new StringBuilder();
        for (var event : events) {
            if (event.name().equals("content_block_delta")) {
                var delta = event.json().get("delta");
                switch (delta.get("type").asText()) {
                    case "text_delta" -> text.append(delta.get("text").asText());
                    case "input_json_delta" -> partialJson.append(delta.get("partial_json").asText());
                    default -> throw new AssertionError("unexpected delta " + delta);
                }
            }
        }
        assertThat(text.toString()).isEqualTo(whole.get("content").get(0).get("text").asText());
        assertThat(Json.parse(partialJson.toString())).isEqualTo(whole.get("content").get(1).get("input"));
        assertThat(events.stream().filter(e -> e.name().equals("content_block_delta")).count())
                .as("text and tool input arrive in several chunks").isGreaterThan(3);
        var finalUsage = events.get(events.size() - 2).json().get("usage");
        assertThat(finalUsage.get("output_tokens")).isEqualTo(whole.get("usage").get("output_tokens"));
    }

    @Test
    void givesTheBrainTheWholeParsedConversation() {
        var seen = new AtomicReference<ModelRequest>();
        try (var recording = Simulator.start(SimulatorConfig.defaults().withBrain(request -> {
            seen.set(request);
            return TestBrains.toolCaller().reply(request);
        }))) {
            var body = """
                    {"model":"claude-sonnet-4-5","max_tokens":300,
                     "system":[{"type":"text","text":"You are helpful."},{"type":"text","text":"Be brief."}],
                     "tools":[{"name":"get_weather","description":"Weather.","input_schema":{"type":"object"}}],
                     "messages":[
                       {"role":"user","content":"Weather in Lisbon?"},
                       {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Lisbon"}}]},
                       {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,
                         "content":[{"type":"text","text":"timeout"},{"type":"text","text":"try later"}]}]}]}
                    """;
            var response = new SimHttp(recording).postMessages(body);

            assertThat(response.statusCode()).isEqualTo(200);
            var request = seen.get();
            assertThat(request.system()).isEqualTo("You are helpful.\nBe brief.");
            assertThat(request.maxTokens()).isEqualTo(300);
            assertThat(request.tools()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("get_weather"));
            assertThat(request.messages()).hasSize(3);
            assertThat(request.messages().get(1).content().getFirst()).isInstanceOf(ToolUseBlock.class);
            assertThat(request.messages().get(2).content())
                    .containsExactly(new ToolResultBlock("toolu_1", "timeout\ntry later", true));
            assertThat(Json.parse(response.body()).get("content").get(0).get("text").asText())
                    .isEqualTo("The tool said: timeout\ntry later");
        }
    }

    @Test
    void countsTokensWithTheSharedEstimator() {
        var body = Json.write(Requests.withWeatherTool(false).without("max_tokens"));
        var response = http.post("/v1/messages/count_tokens", body, "x-api-key", SimHttp.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        var parsed = dev.mainstay.sim.internal.RequestParser.parse(body.getBytes(), false).request();
        assertThat(Json.parse(response.body()).get("input_tokens").asLong())
                .isEqualTo(TokenEstimator.estimateInput(parsed));
    }

    @Test
    void usageInputTokensComeFromTheSharedEstimator() {
        var body = Requests.simple(false);
        var usage = Json.parse(http.postMessages(body).body()).get("usage");

        var parsed = dev.mainstay.sim.internal.RequestParser.parse(body.getBytes(), true).request();
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(TokenEstimator.estimateInput(parsed));
        assertThat(usage.get("output_tokens").asLong())
                .isEqualTo(TokenEstimator.estimateText("Hello from the simulator, in a few words of text."));
    }

    @Test
    void cutsALongReplyAtMaxTokensAndSaysSo() {
        var root = Requests.base(Requests.MODEL, false).put("max_tokens", 3);
        var message = Json.parse(http.postMessages(Json.write(root)).body());

        assertThat(message.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.get("content").get(0).get("text").asText()).isEqualTo("Hello from t");
        assertThat(message.get("usage").get("output_tokens").asLong()).isEqualTo(3);
    }

    @Test
    void everyResponseCarriesARequestIdAndRateLimitHeaders() {
        for (var response : List.of(http.postMessages(Requests.simple(false)), http.post("/v1/messages", "{}"),
                http.get("/health"))) {
            var headers = response.headers();
            assertThat(headers.firstValue("request-id")).hasValueSatisfying(v -> assertThat(v).matches("req_011C[0-9A-Za-z]{20}"));
            for (var kind : List.of("requests", "tokens")) {
                assertThat(headers.firstValue("anthropic-ratelimit-" + kind + "-limit")).isPresent();
                assertThat(headers.firstValue("anthropic-ratelimit-" + kind + "-remaining")).isPresent();
                assertThat(headers.firstValue("anthropic-ratelimit-" + kind + "-reset"))
                        .hasValueSatisfying(v -> assertThat(java.time.Instant.parse(v)).isNotNull());
            }
        }
    }

    @Test
    void unknownRoutesGetTheNotFoundEnvelope() {
        var response = http.get("/v1/models/unknown");

        assertThat(response.statusCode()).isEqualTo(404);
        var error = Json.parse(response.body());
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("error").get("type").asText()).isEqualTo("not_found_error");
        assertThat(error.get("request_id").asText()).isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }
}
