package dev.mainstay.reliability.breaker;

import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ModelCallRejectedException;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelPipeline;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.BreakerStateChanged;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCircuitBreakerInterceptorTest {
    private static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.DEFAULT
            .withSlidingWindow(10, 4)
            .withFailureRateThreshold(50)
            .withWaitDurationInOpenState(Duration.ofSeconds(30))
            .withPermittedCallsInHalfOpenState(2);

    private final FakeClock clock = new FakeClock();
    private final RecordingListener events = new RecordingListener();
    private final ScriptedModelClient provider = new ScriptedModelClient("anthropic");

    private ModelCircuitBreakerInterceptor breaker(CircuitBreakerConfig config) {
        return new ModelCircuitBreakerInterceptor("anthropic", config, new RetryClassifier(clock), clock, events);
    }

    private final ModelCircuitBreakerInterceptor breaker = breaker(CONFIG);
    private final ModelClient client = ModelPipeline.of(List.of(breaker), provider);

    private void failTimes(int n) {
        for (var i = 0; i < n; i++) {
            assertThatThrownBy(() -> client.call(request(), context(clock))).isNotInstanceOf(ModelCallRejectedException.class);
        }
    }

    @Test
    void opensAfterTheFailureRateThresholdAndRejectsWithoutCallingTheClient() {
        provider.alwaysFail(overloaded());
        failTimes(4);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> client.call(request(), context(clock)))
                .isInstanceOfSatisfying(ModelCallRejectedException.class, e -> {
                    assertThat(e.policy()).isEqualTo("circuit-breaker:anthropic");
                    assertThat(e.reason()).isEqualTo("circuit_open");
                });
        assertThat(provider.calls()).isEqualTo(4);
    }

    @Test
    void halfOpensAfterTheWaitAndClosesAfterSuccessfulProbes() {
        provider.thenFail(overloaded()).thenFail(overloaded()).thenFail(overloaded()).thenFail(overloaded())
                .thenAnswer("back");
        failTimes(4);
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> client.call(request(), context(clock))).isInstanceOf(ModelCallRejectedException.class);

        clock.advance(Duration.ofSeconds(2));
        assertThat(client.call(request(), context(clock)).text()).isEqualTo("back");
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        client.call(request(), context(clock));

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(events.events(BreakerStateChanged.class)).containsExactly(
                new BreakerStateChanged("anthropic", BreakerState.CLOSED, BreakerState.OPEN),
                new BreakerStateChanged("anthropic", BreakerState.OPEN, BreakerState.HALF_OPEN),
                new BreakerStateChanged("anthropic", BreakerState.HALF_OPEN, BreakerState.CLOSED));
    }

    @Test
    void aFailedProbeOpensTheBreakerAgain() {
        provider.alwaysFail(new ModelTimeoutException(Duration.ofSeconds(60), false, null));
        failTimes(4);
        clock.advance(Duration.ofSeconds(31));

        failTimes(2);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(provider.calls()).isEqualTo(6);
    }

    @Test
    void timeoutsAtTheRunsOwnDeadlineDoNotTripIt() {
        provider.alwaysFail(new ModelTimeoutException(Duration.ofSeconds(3), false, null));
        var spent = dev.mainstay.time.Deadline.after(Duration.ZERO, clock);
        for (var i = 0; i < 20; i++) {
            assertThatThrownBy(() -> client.call(request(), dev.mainstay.reliability.testing.Fixtures.context(spent)))
                    .isInstanceOf(ModelTimeoutException.class);
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void badRequestsDoNotTripIt() {
        provider.alwaysFail(badRequest());
        failTimes(20);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(provider.calls()).isEqualTo(20);
    }

    @Test
    void slowSuccessfulCallsOpenItPastTheSlowCallThreshold() {
        var slowBreaker = breaker(CONFIG.withSlowCalls(50, Duration.ofSeconds(90)));
        var slowClient = ModelPipeline.of(List.of(slowBreaker), provider);
        provider.then((request, context) -> {
            clock.advance(Duration.ofSeconds(100));
            return ScriptedModelClient.response(request.model(), "eventually");
        });

        for (var i = 0; i < 4; i++) {
            slowClient.call(request(), context(clock));
        }

        assertThat(slowBreaker.state()).isEqualTo(BreakerState.OPEN);
    }
}
