package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Role;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tool.Toolbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent loop over this client against the simulator with extended thinking on: the simulator verifies the
 * signature of every thinking block sent back and refuses a tool loop that dropped or changed one, so a run that
 * completes proves the loop handed the model's blocks back untouched.
 */
class ThinkingAgentLoopTest {
    private Simulator simulator;
    private AnthropicModelClient client;
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        client = new AnthropicModelClient(AnthropicConfig.of(Fixtures.API_KEY).withBaseUrl(simulator.baseUrl()));
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @ParameterizedTest(name = "streaming: {0}")
    @ValueSource(booleans = {false, true})
    void thinkingBlocksSurviveAToolRoundTripToTheSimulator(boolean stream) {
        var calculator = calculator();
        var agent = new AgentSpec("thinker", "You are a careful assistant.", AnthropicModelClient.DEFAULT_MODEL,
                Toolbox.of(calculator), RunLimits.DEFAULTS.withMaxOutputTokens(4096), stream, false, 2048);

        try (var loop = AgentLoop.builder(recording(client)).build()) {
            var result = loop.run(agent, new RunRequest("run_thinking", "default", "user_1", "What is 12*7?"));

            assertThat(result.stopReason()).as("%s", result.error()).isEqualTo(RunStopReason.COMPLETED);
            assertThat(result.answer()).contains("84");
            assertThat(calculator.calls()).isEqualTo(1);

            var modelSteps = result.steps().stream().filter(ModelStep.class::isInstance).map(ModelStep.class::cast)
                    .toList();
            assertThat(modelSteps).hasSize(2);
            var first = modelSteps.get(0).response().orElseThrow();
            assertThat(first.content().getFirst()).isInstanceOfSatisfying(ThinkingBlock.class,
                    thinking -> assertThat(thinking.signature()).isNotBlank());
            assertThat(first.content().indexOf(first.toolUses().getFirst())).isPositive();
            assertThat(first.toolUses()).extracting(ToolUseBlock::name).containsExactly("calculator");

            var second = modelSteps.get(1);
            assertThat(second.messagesSent()).isEqualTo(3);
            var answer = second.response().orElseThrow();
            assertThat(answer.content().getFirst()).isInstanceOf(ThinkingBlock.class);
            assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);

            assertThat(requests).hasSize(2);
            var sentBack = requests.get(1).messages().get(1);
            assertThat(sentBack.role()).isEqualTo(Role.ASSISTANT);
            assertThat(sentBack.content()).as("the assistant turn went back as the model said it")
                    .containsExactlyElementsOf(first.content());
            assertThat(requests).allSatisfy(request -> assertThat(request.thinkingBudget()).isEqualTo(2048));
        }
    }

    /** {@code client}, remembering each request the loop makes. */
    private ModelClient recording(AnthropicModelClient delegate) {
        return new ModelClient() {
            @Override
            public ModelResponse call(ModelRequest request, CallContext context) {
                requests.add(request);
                return delegate.call(request, context);
            }

            @Override
            public String name() {
                return delegate.name();
            }
        };
    }

    /** The calculator the simulator's default brain calls for arithmetic; this one knows a single product. */
    private static FakeTool calculator() {
        var schema = Json.parseObject("""
                {"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}""");
        var spec = new ToolSpec("calculator", "Evaluates arithmetic.", schema, ToolEffect.READ_ONLY,
                OutputTrust.TRUSTED, Duration.ofSeconds(5));
        return new FakeTool(spec, (input, context) -> input.path("expression").asText().replace(" ", "").equals("12*7")
                ? ToolResult.ok("84")
                : ToolResult.error("cannot evaluate " + input.path("expression").asText()));
    }
}
