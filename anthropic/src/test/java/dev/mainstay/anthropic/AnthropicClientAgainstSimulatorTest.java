package dev.mainstay.anthropic;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.anthropic.Fixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Role;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against Mainstay's own Messages API simulator: the test double the rest of the runtime uses. */
class AnthropicClientAgainstSimulatorTest {
    private static final Message ARITHMETIC = Message.user("What is 12*7?");

    private static final ToolDefinition CALCULATOR = new ToolDefinition("calculator", "Evaluates arithmetic.",
            Json.parseObject("""
                    {"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}"""));

    private Simulator simulator;
    private AnthropicModelClient client;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withPort(0));
        client = new AnthropicModelClient(AnthropicConfig.of(Fixtures.API_KEY).withBaseUrl(simulator.baseUrl()));
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void parsesANonStreamingAnswer() {
        var response = client.call(question(false), context());

        assertThat(response.id()).isNotBlank();
        assertThat(response.model()).isNotBlank();
        assertThat(response.content()).isNotEmpty();
        assertThat(response.stopReason().isKnown()).isTrue();
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isPositive();
    }

    @Test
    void parsesAStreamedAnswerAndFeedsTheObserver() {
        var observer = new RecordingObserver();

        var response = client.call(question(true), context(observer));

        assertThat(response.id()).isNotBlank();
        assertThat(response.content()).isNotEmpty();
        assertThat(response.stopReason().isKnown()).isTrue();
        var completed = observer.events().stream()
                .filter(e -> e.block() != null)
                .map(RecordingObserver.Event::block)
                .toList();
        assertThat(completed).containsExactlyElementsOf(response.content());
        var streamedText = String.join("", observer.textDeltas());
        var finalText = response.content().stream()
                .filter(TextBlock.class::isInstance)
                .map(b -> ((TextBlock) b).text())
                .reduce("", String::concat);
        assertThat(streamedText).isEqualTo(finalText);
    }

    @Test
    void anOverloadedSimulatorMapsToOverloaded() {
        simulator.setFaults(FaultProfile.builder().rate529(1.0).build());

        var e = catchThrowableOfType(ModelApiException.class, () -> client.call(question(false), context()));

        assertThat(e.status()).isEqualTo(529);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.OVERLOADED);
        assertThat(e.inStream()).isFalse();
    }

    @Test
    void anOverloadMidStreamMapsToAnInStreamOverload() {
        simulator.setFaults(FaultProfile.builder().midStreamOverloadRate(1.0).build());
        var observer = new RecordingObserver();

        var e = catchThrowableOfType(ModelApiException.class, () -> client.call(question(true), context(observer)));

        assertThat(e.inStream()).isTrue();
        assertThat(e.errorType()).isEqualTo(ApiErrorType.OVERLOADED);
        assertThat(observer.textDeltas()).isNotEmpty();
        assertThat(e.contentDelivered()).isTrue();
    }

    @Test
    void aStreamThatBreaksOffRecordsTheUsageOfWhatItDelivered() {
        simulator.setFaults(FaultProfile.builder().midStreamOverloadRate(1.0).build());
        var observer = new RecordingObserver();

        var e = catchThrowableOfType(ModelApiException.class, () -> client.call(question(true), context(observer)));

        var delivered = String.join("", observer.textDeltas());
        assertThat(e.billedUsage().inputTokens()).as("message_start's input").isPositive();
        assertThat(e.billedUsage().outputTokens()).as("at least the deltas received")
                .isGreaterThanOrEqualTo(dev.mainstay.model.TokenEstimator.estimateText(delivered));
    }

    @Test
    void aStreamThatFailsBeforeItStartsWasNotBilled() {
        simulator.setFaults(FaultProfile.builder().rate529(1.0).build());

        var e = catchThrowableOfType(ModelApiException.class, () -> client.call(question(true), context()));

        assertThat(e.billedUsage()).isEqualTo(dev.mainstay.model.Usage.ZERO);
    }

    @ParameterizedTest(name = "streaming: {0}")
    @ValueSource(booleans = {false, true})
    void thinkingBlocksGoBackWithTheToolResultAndTheSimulatorAcceptsThem(boolean stream) {
        var observer = new RecordingObserver();
        var first = client.call(withThinking(List.of(ARITHMETIC), stream), context(observer));

        assertThat(first.content().getFirst()).isInstanceOfSatisfying(ThinkingBlock.class, thinking -> {
            assertThat(thinking.thinking()).contains("calculator");
            assertThat(thinking.signature()).isNotBlank();
        });
        assertThat(first.content()).last().isInstanceOf(ToolUseBlock.class);
        var toolUse = first.toolUses().getFirst();
        assertThat(toolUse.name()).isEqualTo("calculator");
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        var thought = ((ThinkingBlock) first.content().getFirst()).thinking();
        assertThat(String.join("", observer.textDeltas())).doesNotContain(thought);

        var answer = client.call(withThinking(afterTheTool(first, first.content()), stream), context());

        assertThat(answer.content().getFirst()).isInstanceOf(ThinkingBlock.class);
        assertThat(answer.text()).contains("84");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @ParameterizedTest(name = "streaming: {0}")
    @ValueSource(booleans = {false, true})
    void aTamperedThinkingBlockIsRefusedAsAnInvalidRequest(boolean stream) {
        var first = client.call(withThinking(List.of(ARITHMETIC), stream), context());
        var tampered = new ArrayList<>(first.content());
        var thinking = (ThinkingBlock) tampered.getFirst();
        tampered.set(0, new ThinkingBlock("I decided something else.", thinking.signature()));

        var e = catchThrowableOfType(ModelApiException.class,
                () -> client.call(withThinking(afterTheTool(first, tampered), stream), context()));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("signature");
        assertThat(e.inStream()).isFalse();
        assertThat(e.contentDelivered()).isFalse();
    }

    /** The question, the assistant's turn as {@code said} (normally {@code first.content()}), the tool's result. */
    private static List<Message> afterTheTool(ModelResponse first, List<ContentBlock> said) {
        var toolUse = first.toolUses().getFirst();
        return List.of(ARITHMETIC, Message.assistant(said),
                new Message(Role.USER, List.of(new ToolResultBlock(toolUse.id(), "84", false))));
    }

    private static ModelRequest withThinking(List<Message> messages, boolean stream) {
        return new ModelRequest(AnthropicModelClient.DEFAULT_MODEL, "You are a helpful assistant.", messages,
                List.of(CALCULATOR), 4096, stream, false, 2048);
    }

    private static ModelRequest question(boolean stream) {
        return new ModelRequest(AnthropicModelClient.DEFAULT_MODEL, "You are a helpful assistant.",
                List.of(Message.user("What is 2 + 2?")), List.of(), 512, stream, false);
    }
}
