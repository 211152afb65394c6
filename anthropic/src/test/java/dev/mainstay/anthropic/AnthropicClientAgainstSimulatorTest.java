package dev.mainstay.anthropic;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.anthropic.Fixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TextBlock;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against Mainstay's own Messages API simulator: the test double the rest of the runtime uses. */
class AnthropicClientAgainstSimulatorTest {
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

    private static ModelRequest question(boolean stream) {
        return new ModelRequest(AnthropicModelClient.DEFAULT_MODEL, "You are a helpful assistant.",
                List.of(Message.user("What is 2 + 2?")), List.of(), 512, stream, false);
    }
}
