package dev.mainstay.sim;

import static dev.mainstay.sim.ErrorEnvelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.brain.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StopSequencesTest {
    private static final String ANSWER = "Step one: read. Step two: think. END Step three: never said.";

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

    private static ObjectNode request(boolean stream, String... sequences) {
        var root = Requests.base(Requests.MODEL, stream);
        var list = root.putArray("stop_sequences");
        for (var sequence : sequences) {
            list.add(sequence);
        }
        return root;
    }

    @Test
    void stopsTheTextBeforeTheFirstStopSequenceAndSaysWhichOne() {
        start(TestBrains.fixedText(ANSWER));

        var message = Json.parse(http.postMessages(Json.write(request(false, "END", "Step two"))).body());

        assertThat(message.get("content")).hasSize(1);
        assertThat(message.get("content").get(0).get("text").asText()).isEqualTo("Step one: read. ");
        assertThat(message.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(message.get("stop_sequence").asText()).isEqualTo("Step two");
        assertThat(message.get("usage").get("output_tokens").asLong())
                .isEqualTo(TokenEstimator.estimateText("Step one: read. "));
    }

    @Test
    void endsTheTurnAsUsualWhenNoStopSequenceOccurs() {
        start(TestBrains.fixedText(ANSWER));

        var message = Json.parse(http.postMessages(Json.write(request(false, "STOP"))).body());

        assertThat(message.get("content").get(0).get("text").asText()).isEqualTo(ANSWER);
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
    }

    @Test
    void dropsTheToolCallsAfterTheStop() {
        start(request -> new Reply(List.of(new TextBlock("Checking now. Then more."),
                new ToolUseBlock("", "get_weather", Json.object().put("location", "Lisbon"))), StopReason.TOOL_USE));

        var body = Requests.withWeatherTool(false);
        body.putArray("stop_sequences").add("Then");
        var message = Json.parse(http.postMessages(Json.write(body)).body());

        assertThat(message.get("content")).hasSize(1);
        assertThat(message.get("content").get(0).get("text").asText()).isEqualTo("Checking now. ");
        assertThat(message.get("stop_reason").asText()).isEqualTo("stop_sequence");
    }

    @Test
    void aStreamDeliversOnlyTheTextBeforeTheStopSequence() {
        start(TestBrains.fixedText(ANSWER));

        var events = SimHttp.events(http.postMessages(Json.write(request(true, "END"))).body());

        var text = new StringBuilder();
        for (var event : events) {
            if (event.name().equals("content_block_delta")) {
                text.append(event.json().get("delta").get("text").asText());
            }
        }
        assertThat(text.toString()).isEqualTo("Step one: read. Step two: think. ");
        var delta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().json();
        assertThat(delta.get("delta").get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(delta.get("delta").get("stop_sequence").asText()).isEqualTo("END");
        assertThat(delta.get("usage").get("output_tokens").asLong())
                .isEqualTo(TokenEstimator.estimateText(text.toString()));
    }

    @Test
    void maxTokensWinsWhenItRunsOutBeforeTheStopSequence() {
        start(TestBrains.fixedText(ANSWER));

        var body = request(false, "never said");
        body.put("max_tokens", 2);
        var message = Json.parse(http.postMessages(Json.write(body)).body());

        assertThat(message.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
    }

    @Test
    void refusesBlankOrNonTextStopSequencesNamingTheField() {
        start(TestBrains.fixedText(ANSWER));

        assertError(http.postMessages(Json.write(request(false, "ok", " \n"))), 400, "invalid_request_error",
                "stop_sequences: each stop sequence must contain non-whitespace");
        var notAList = Requests.base(Requests.MODEL, false).put("stop_sequences", "END");
        assertError(http.postMessages(Json.write(notAList)), 400, "invalid_request_error",
                "stop_sequences: Input should be a valid list");
        var number = Requests.base(Requests.MODEL, false);
        number.putArray("stop_sequences").add("END").add(7);
        assertError(http.postMessages(Json.write(number)), 400, "invalid_request_error",
                "stop_sequences.1: Input should be a valid string");
    }
}
