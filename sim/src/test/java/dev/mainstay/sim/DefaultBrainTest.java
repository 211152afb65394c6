package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import org.junit.jupiter.api.Test;

/** Without an explicit brain the simulator answers with the brain of its mode, and follows mode switches. */
class DefaultBrainTest {
    private static final String AFTER_TOOL_RESULT = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,
             "tools":[{"name":"get_weather","description":"Weather for a place.",
                       "input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}},
                      {"name":"web_search","description":"Search the web.",
                       "input_schema":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}],
             "messages":[
               {"role":"user","content":"What is the weather in Lisbon?"},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01abc","name":"get_weather","input":{"location":"Lisbon"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01abc",
                 "content":"{\\"location\\":\\"Lisbon, Portugal\\",\\"current\\":{\\"temperature_c\\":14.2,\\"weather\\":\\"light rain\\"}}"}]}]}
            """;

    @Test
    void scriptedModeFinishesAfterTheToolResultAndRunawayModeNeverDoes() {
        try (var simulator = Simulator.start(SimulatorConfig.defaults())) {
            var http = new SimHttp(simulator);

            var scripted = Json.parse(http.postMessages(AFTER_TOOL_RESULT).body());
            simulator.setMode(SimMode.RUNAWAY);
            var runaway = Json.parse(http.postMessages(AFTER_TOOL_RESULT).body());

            assertThat(scripted.get("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(runaway.get("stop_reason").asText()).isEqualTo("tool_use");
        }
    }

    @Test
    void anExplicitBrainIgnoresTheMode() {
        try (var simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.fixedText("fixed")))) {
            simulator.setMode(SimMode.RUNAWAY);

            var reply = Json.parse(new SimHttp(simulator).postMessages(AFTER_TOOL_RESULT).body());

            assertThat(reply.get("content").get(0).get("text").asText()).isEqualTo("fixed");
        }
    }
}
