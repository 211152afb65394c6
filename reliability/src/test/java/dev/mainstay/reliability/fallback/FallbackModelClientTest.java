package dev.mainstay.reliability.fallback;

import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.overloadedInStream;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ModelCallRejectedException;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackModelClientTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingListener events = new RecordingListener();
    private final ScriptedModelClient sonnet = new ScriptedModelClient("sonnet");
    private final ScriptedModelClient haiku = new ScriptedModelClient("haiku");
    private final FallbackModelClient client = new FallbackModelClient(List.of(
            new ModelEndpoint("anthropic:sonnet", "claude-sonnet-4-5", sonnet),
            new ModelEndpoint("anthropic:haiku", "claude-haiku-4-5", haiku)), new RetryClassifier(clock), events);

    @Test
    void movesToTheNextEndpointWhenTheBreakerIsOpen() {
        sonnet.thenFail(new ModelCallRejectedException("circuit-breaker:anthropic:sonnet", "circuit_open", "open"));
        haiku.thenAnswer("from haiku");

        var response = client.call(request(), context(clock));

        assertThat(response.text()).isEqualTo("from haiku");
        assertThat(events.events(FallbackUsed.class))
                .containsExactly(new FallbackUsed("anthropic:sonnet", "anthropic:haiku", "circuit_open"));
    }

    @Test
    void theResponseRecordsTheModelThatAnswered() {
        sonnet.thenFail(overloaded());
        haiku.then((request, context) -> ScriptedModelClient.response("claude-haiku-4-5-20251001", "hi"));

        var response = client.call(request(), context(clock));

        assertThat(haiku.requests().getFirst().model()).isEqualTo("claude-haiku-4-5");
        assertThat(response.model()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void movesOnWhenTheEndpointFailedRetryablyAfterItsRetries() {
        sonnet.thenFail(overloaded());
        haiku.thenAnswer("ok");

        assertThat(client.call(request(), context(clock)).text()).isEqualTo("ok");
        assertThat(sonnet.calls()).isEqualTo(1);
    }

    @Test
    void doesNotMoveOnAfterABadRequest() {
        var failure = badRequest();
        sonnet.thenFail(failure);
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> client.call(request(), context(clock))).isSameAs(failure);
        assertThat(haiku.calls()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void neverMovesOnAfterContentWasDeliveredToAStreamingCaller() {
        var failure = overloadedInStream(false);
        sonnet.thenStreamAndFail("Partial ans", failure);
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> client.call(request().withStream(true), context(clock))).isSameAs(failure);
        assertThat(haiku.calls()).isZero();
    }

    @Test
    void doesNotMoveOnOnceTheRunDeadlineHasPassed() {
        var deadline = Deadline.after(Duration.ofSeconds(1), clock);
        sonnet.then((request, context) -> {
            clock.advance(Duration.ofSeconds(2));
            throw new ModelTimeoutException(Duration.ofSeconds(1), false, null);
        });
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> client.call(request(), context(deadline))).isInstanceOf(ModelTimeoutException.class);
        assertThat(haiku.calls()).isZero();
    }

    @Test
    void theLastEndpointsFailureIsThrown() {
        var last = overloaded();
        sonnet.thenFail(overloaded());
        haiku.thenFail(last);

        assertThatThrownBy(() -> client.call(request(), context(clock))).isSameAs(last);
    }

    @Test
    void rejectsDuplicateEndpointNames() {
        var endpoint = new ModelEndpoint("a", "m", sonnet);
        assertThatThrownBy(() -> new FallbackModelClient(List.of(endpoint, endpoint), new RetryClassifier(clock), events))
                .hasMessageContaining("two endpoints are named 'a'");
    }
}
