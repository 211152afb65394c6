package dev.mainstay.reliability.breaker;

import static dev.mainstay.model.ModelChain.Slot.BREAKER;
import static dev.mainstay.model.ModelChain.Slot.RETRY;
import static dev.mainstay.reliability.testing.Chains.PRICES;
import static dev.mainstay.reliability.testing.Chains.refused;
import static dev.mainstay.reliability.testing.Chains.response;
import static dev.mainstay.reliability.testing.Fixtures.ENDPOINT;
import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.Refusal;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.event.ReliabilityEvent.BreakerStateChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.Fixtures;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        return new ModelCircuitBreakerInterceptor(List.of(ENDPOINT), config, new RetryClassifier(clock), clock, events);
    }

    private final ModelCircuitBreakerInterceptor breaker = breaker(CONFIG);
    private final ModelChain chain = Chains.oneLink(BREAKER, breaker, provider);

    private void failTimes(int n) {
        for (var i = 0; i < n; i++) {
            assertThatThrownBy(() -> chain.call(request(), context(clock))).isInstanceOf(ModelException.class);
        }
    }

    @Test
    void opensAfterTheFailureRateThresholdAndRefusesWithoutCallingTheProvider() {
        provider.alwaysFail(overloaded());
        failTimes(4);

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.OPEN);
        var refusal = refused(chain.call(request(), context(clock))).refusal();
        assertThat(refusal.policy()).isEqualTo("circuit-breaker");
        assertThat(refusal.code()).isEqualTo("circuit_open");
        assertThat(refusal.scope()).isEqualTo(Refusal.Scope.ENDPOINT);
        assertThat(refusal.endpoint()).isEqualTo(ENDPOINT);
        assertThat(provider.calls()).isEqualTo(4);
        assertThat(events.events(CallRejected.class))
                .containsExactly(new CallRejected(RUN, "circuit-breaker:anthropic", "circuit_open"));
    }

    @Test
    void halfOpensAfterTheWaitAndClosesAfterSuccessfulProbes() {
        provider.thenFail(overloaded()).thenFail(overloaded()).thenFail(overloaded()).thenFail(overloaded())
                .thenAnswer("back");
        failTimes(4);
        clock.advance(Duration.ofSeconds(29));
        assertThat(refused(chain.call(request(), context(clock))).refusal().code()).isEqualTo("circuit_open");

        clock.advance(Duration.ofSeconds(2));
        assertThat(response(chain.call(request(), context(clock))).text()).isEqualTo("back");
        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.HALF_OPEN);
        chain.call(request(), context(clock));

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.CLOSED);
        assertThat(events.events(BreakerStateChanged.class)).containsExactly(
                new BreakerStateChanged(RUN, ENDPOINT, BreakerState.CLOSED, BreakerState.OPEN),
                new BreakerStateChanged(RUN, ENDPOINT, BreakerState.OPEN, BreakerState.HALF_OPEN),
                new BreakerStateChanged(RUN, ENDPOINT, BreakerState.HALF_OPEN, BreakerState.CLOSED));
    }

    @Test
    void aFailedProbeOpensTheBreakerAgain() {
        provider.alwaysFail(new ModelTimeoutException(Duration.ofSeconds(60), false, null));
        failTimes(4);
        clock.advance(Duration.ofSeconds(31));

        failTimes(2);

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.OPEN);
        assertThat(provider.calls()).isEqualTo(6);
    }

    @Test
    void timeoutsAtTheRunsOwnDeadlineDoNotTripIt() {
        provider.alwaysFail(new ModelTimeoutException(Duration.ofSeconds(3), false, null));
        var spent = Deadline.after(Duration.ZERO, clock);
        for (var i = 0; i < 20; i++) {
            assertThatThrownBy(() -> chain.call(request(), context(spent))).isInstanceOf(ModelTimeoutException.class);
        }

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void badRequestsDoNotTripIt() {
        provider.alwaysFail(badRequest());
        failTimes(20);

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.CLOSED);
        assertThat(provider.calls()).isEqualTo(20);
    }

    @Test
    void rateLimitsAndCancellationsDoNotTripIt() {
        provider.then((request, context) -> {
            throw provider.calls() % 2 == 0
                    ? apiError(429, ApiErrorType.RATE_LIMIT)
                    : new ModelCancelledException(false);
        });
        failTimes(20);

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.CLOSED);
        assertThat(provider.calls()).isEqualTo(20);
    }

    @Test
    void refusalsOfInnerLinksAreNotRecordedEitherWay() {
        var limited = Refusal.ofEndpoint("concurrency-limit", "concurrency_limit", ENDPOINT, "busy");
        var withRefusingInnerLink = ModelChain.builder(List.of(new ModelEndpoint(ENDPOINT, "", provider)), PRICES)
                .add(BREAKER, breaker)
                .add(RETRY, Chains.refusing(ENDPOINT, limited))
                .build();

        for (var i = 0; i < 20; i++) {
            assertThat(refused(withRefusingInnerLink.call(request(), context(clock))).refusal()).isEqualTo(limited);
        }

        assertThat(breaker.state(ENDPOINT)).isEqualTo(BreakerState.CLOSED);
        assertThat(provider.calls()).isZero();
    }

    @Test
    void slowSuccessfulCallsOpenItPastTheSlowCallThreshold() {
        var slowBreaker = breaker(CONFIG.withSlowCalls(50, Duration.ofSeconds(90)));
        var slowChain = Chains.oneLink(BREAKER, slowBreaker, provider);
        provider.then((request, context) -> {
            clock.advance(Duration.ofSeconds(100));
            return ScriptedModelClient.response(request.model(), "eventually");
        });

        for (var i = 0; i < 4; i++) {
            slowChain.call(request(), context(clock));
        }

        assertThat(slowBreaker.state(ENDPOINT)).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void eachEndpointHasItsOwnBreaker() {
        var sonnet = new ScriptedModelClient("sonnet").alwaysFail(overloaded());
        var haiku = new ScriptedModelClient("haiku").thenAnswer("fine");
        var perEndpoint = new ModelCircuitBreakerInterceptor(List.of("anthropic:sonnet", "anthropic:haiku"), CONFIG,
                new RetryClassifier(clock), clock, events);
        var twoEndpoints = ModelChain.builder(List.of(
                        new ModelEndpoint("anthropic:sonnet", "claude-sonnet-4-5", sonnet),
                        new ModelEndpoint("anthropic:haiku", "claude-haiku-4-5", haiku)), PRICES)
                .add(BREAKER, perEndpoint)
                .build();
        var toSonnet = Fixtures.runContext(clock).withEndpoint("anthropic:sonnet");
        var toHaiku = Fixtures.runContext(clock).withEndpoint("anthropic:haiku");
        for (var i = 0; i < 4; i++) {
            assertThatThrownBy(() -> twoEndpoints.call(request(), toSonnet)).isInstanceOf(ModelException.class);
        }

        assertThat(refused(twoEndpoints.call(request(), toSonnet)).refusal().endpoint()).isEqualTo("anthropic:sonnet");
        assertThat(response(twoEndpoints.call(request(), toHaiku)).text()).isEqualTo("fine");
        assertThat(perEndpoint.states()).isEqualTo(Map.of(
                "anthropic:sonnet", BreakerState.OPEN, "anthropic:haiku", BreakerState.CLOSED));
    }

    @Test
    void knowsTheBreakersOfTheEndpointsGivenAtStartUpBeforeTheirFirstCall() {
        var known = new ModelCircuitBreakerInterceptor(List.of("a", "b"), CONFIG, new RetryClassifier(clock), clock,
                events);

        assertThat(known.states()).isEqualTo(Map.of("a", BreakerState.CLOSED, "b", BreakerState.CLOSED));
    }
}
