package dev.mainstay.sim;

import static dev.mainstay.sim.ErrorEnvelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.sim.brain.Brain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolChoiceTest {
    private Simulator simulator;
    private SimHttp http;

    private void start(Brain brain) {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(brain));
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** A request declaring get_weather (location required) and get_time (zone required). */
    private static ObjectNode twoTools(String toolChoiceJson) {
        var root = Requests.withWeatherTool(false);
        var time = root.withArray("tools").addObject().put("name", "get_time").put("description", "Local time.");
        var schema = time.putObject("input_schema").put("type", "object");
        schema.putObject("properties").putObject("zone").put("type", "string");
        schema.putArray("required").add("zone");
        if (toolChoiceJson != null) {
            root.set("tool_choice", Json.parse(toolChoiceJson));
        }
        return root;
    }

    private JsonNode send(ObjectNode request) {
        var response = http.postMessages(Json.write(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static List<String> types(JsonNode message) {
        var types = new ArrayList<String>();
        message.get("content").forEach(block -> types.add(block.get("type").asText()));
        return types;
    }

    private static List<String> toolNames(JsonNode message) {
        var names = new ArrayList<String>();
        message.get("content").forEach(block -> {
            if (block.get("type").asText().equals("tool_use")) {
                names.add(block.get("name").asText());
            }
        });
        return names;
    }

    @Test
    void autoLeavesTheReplyAsTheBrainWroteIt() {
        start(TestBrains.callsEveryTool());

        var message = send(twoTools("{\"type\":\"auto\"}"));

        assertThat(types(message)).containsExactly("text", "tool_use", "tool_use");
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void autoWithParallelToolUseDisabledKeepsOnlyTheFirstCall() {
        start(TestBrains.callsEveryTool());

        var message = send(twoTools("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));

        assertThat(types(message)).containsExactly("text", "tool_use");
        assertThat(toolNames(message)).containsExactly("get_weather");
    }

    @Test
    void anyMakesABrainThatWouldAnswerInTextCallTheFirstToolWithAnInputFromItsSchema() {
        start(TestBrains.fixedText("I know this one without tools."));

        var message = send(twoTools("{\"type\":\"any\"}"));

        assertThat(types(message)).containsExactly("tool_use");
        var use = message.get("content").get(0);
        assertThat(use.get("name").asText()).isEqualTo("get_weather");
        assertThat(use.get("input")).isEqualTo(Json.parse("{\"location\":\"Lisbon\"}"));
        assertThat(use.get("id").asText()).startsWith("toolu_01");
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void anyKeepsTheBrainsOwnCallsWithoutTextBeforeThem() {
        start(TestBrains.callsEveryTool());

        var message = send(twoTools("{\"type\":\"any\"}"));

        assertThat(types(message)).containsExactly("tool_use", "tool_use");
        assertThat(send(twoTools("{\"type\":\"any\",\"disable_parallel_tool_use\":true}")).get("content"))
                .hasSize(1);
    }

    @Test
    void toolForcesExactlyThatToolEvenWhenTheBrainCalledAnother() {
        start(TestBrains.toolCaller());

        var message = send(twoTools("{\"type\":\"tool\",\"name\":\"get_time\"}"));

        assertThat(toolNames(message)).containsExactly("get_time");
        assertThat(types(message)).containsExactly("tool_use");
        assertThat(message.get("content").get(0).get("input")).isEqualTo(Json.parse("{\"zone\":\"mainstay\"}"));
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void toolKeepsOnlyTheBrainsCallsOfThatTool() {
        start(TestBrains.callsEveryTool());

        var message = send(twoTools("{\"type\":\"tool\",\"name\":\"get_time\",\"disable_parallel_tool_use\":true}"));

        assertThat(toolNames(message)).containsExactly("get_time");
        assertThat(message.get("content").get(0).get("input")).isEqualTo(Json.parse("{\"location\":\"Lisbon\"}"));
    }

    @Test
    void noneAnswersInTextWhenTheBrainWantedATool() {
        start(TestBrains.callsEveryTool());

        var message = send(twoTools("{\"type\":\"none\"}"));

        assertThat(types(message)).containsExactly("text");
        assertThat(message.get("content").get(0).get("text").asText()).isEqualTo("Let me look that up.");
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void noneSaysWhichToolItWouldHaveUsedWhenTheBrainSaidNothingElse() {
        start(request -> new dev.mainstay.sim.brain.Reply(
                List.of(new dev.mainstay.model.ToolUseBlock("", "get_weather", Json.object())),
                dev.mainstay.model.StopReason.TOOL_USE));

        var message = send(twoTools("{\"type\":\"none\"}"));

        assertThat(message.get("content").get(0).get("text").asText())
                .isEqualTo("I would use get_weather to answer this, but no tool may be used in this reply.");
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void refusesAForcedToolTheRequestDoesNotDeclare() {
        start(TestBrains.toolCaller());

        var response = http.postMessages(Json.write(twoTools("{\"type\":\"tool\",\"name\":\"get_news\"}")));

        assertError(response, 400, "invalid_request_error",
                "tool_choice.tool.name: Tool 'get_news' is not one of the tools in the request");
    }

    @Test
    void refusesAMalformedToolChoiceNamingTheField() {
        start(TestBrains.toolCaller());

        assertError(http.postMessages(Json.write(twoTools("{\"type\":\"sometimes\"}"))), 400,
                "invalid_request_error", "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        assertError(http.postMessages(Json.write(twoTools("{\"type\":\"tool\"}"))), 400,
                "invalid_request_error", "tool_choice.tool.name: Field required");
        assertError(http.postMessages(Json.write(twoTools("{\"type\":\"none\",\"disable_parallel_tool_use\":true}"))),
                400, "invalid_request_error",
                "tool_choice.none.disable_parallel_tool_use: Extra inputs are not permitted");
        assertError(http.postMessages(Json.write(twoTools("{\"type\":\"any\",\"disable_parallel_tool_use\":1}"))),
                400, "invalid_request_error",
                "tool_choice.any.disable_parallel_tool_use: Input should be a valid boolean");
        assertError(http.postMessages(Json.write(twoTools("\"auto\""))), 400, "invalid_request_error",
                "tool_choice: Input should be a valid dictionary");
        var noTools = Requests.base(Requests.MODEL, false);
        noTools.set("tool_choice", Json.parse("{\"type\":\"any\"}"));
        assertError(http.postMessages(Json.write(noTools)), 400, "invalid_request_error",
                "tool_choice: tool_choice may only be specified while providing tools.");
    }
}
