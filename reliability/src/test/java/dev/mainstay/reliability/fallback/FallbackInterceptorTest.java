package dev.mainstay.reliability.fallback;

import static dev.mainstay.model.ModelChain.Slot.BREAKER;
import static dev.mainstay.model.ModelChain.Slot.FALLBACK;
import static dev.mainstay.reliability.testing.Chains.PRICES;
import static dev.mainstay.reliability.testing.Chains.answered;
import static dev.mainstay.reliability.testing.Chains.refused;
import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.apiErrorSaying;
import static dev.mainstay.reliability.testing.Fixtures.badRequest;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.overloadedInStream;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static dev.mainstay.reliability.testing.Fixtures.runContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.Refusal;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.breaker.ModelCircuitBreakerInterceptor;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackInterceptorTest {
    private static final String SONNET = "anthropic:sonnet";
    private static final String HAIKU = "anthropic:haiku";
    private static final String OLD_HAIKU = "anthropic:old-haiku";

    private final FakeClock clock = new FakeClock();
    private final RecordingListener events = new RecordingListener();
    private final ScriptedModelClient sonnet = new ScriptedModelClient("sonnet");
    private final ScriptedModelClient haiku = new ScriptedModelClient("haiku");
    private final ScriptedModelClient oldHaiku = new ScriptedModelClient("old-haiku");
    private final List<ModelEndpoint> twoEndpoints = List.of(
            new ModelEndpoint(SONNET, "claude-sonnet-4-5", sonnet),
            new ModelEndpoint(HAIKU, "claude-haiku-4-5", haiku));
    private final List<ModelEndpoint> threeEndpoints = List.of(
            twoEndpoints.get(0), twoEndpoints.get(1), new ModelEndpoint(OLD_HAIKU, "claude-3-5-haiku", oldHaiku));
    private FallbackInterceptor fallbackLink;
    private final ModelChain chain = fallbackBefore(twoEndpoints, null);

    /** The fallback link over {@code endpoints}, in front of {@code inner} (any link behind it), if any. */
    private ModelChain fallbackBefore(List<ModelEndpoint> endpoints, ModelInterceptor inner) {
        fallbackLink = new FallbackInterceptor(endpoints, new RetryClassifier(clock), events);
        var builder = ModelChain.builder(endpoints, PRICES).add(FALLBACK, fallbackLink);
        return (inner == null ? builder : builder.add(BREAKER, inner)).build();
    }

    @Test
    void movesOnFromAnOpenBreakerWhoseRefusalIsAValueNotAnException() {
        var breaker = new ModelCircuitBreakerInterceptor(List.of(SONNET, HAIKU),
                CircuitBreakerConfig.DEFAULT.withSlidingWindow(2, 2), new RetryClassifier(clock), clock, events);
        var withBreaker = fallbackBefore(twoEndpoints, breaker);
        sonnet.alwaysFail(overloaded());
        haiku.thenAnswer("from haiku");
        withBreaker.call(request(), runContext(clock));
        withBreaker.call(request(), runContext(clock));
        assertThat(breaker.state(SONNET)).isEqualTo(BreakerState.OPEN);

        var answered = answered(withBreaker.call(request(), runContext(clock)));

        assertThat(answered.response().text()).isEqualTo("from haiku");
        assertThat(answered.failovers()).extracting(Failover::endpoint, Failover::model, Failover::code)
                .containsExactly(tuple(SONNET, "claude-sonnet-4-5", "circuit_open"));
        assertThat(sonnet.calls()).isEqualTo(2);
        assertThat(events.events(FallbackUsed.class).getLast())
                .isEqualTo(new FallbackUsed(RUN, SONNET, HAIKU, "circuit_open"));
    }

    @Test
    void theAnswerKeepsTheModelIdTheProviderReportedNotTheEndpointsAlias() {
        sonnet.then((request, context) -> ScriptedModelClient.response("claude-sonnet-4-5-20250929", "hi"));

        var answered = answered(chain.call(request(), runContext(clock)));

        assertThat(sonnet.requests().getFirst().model()).isEqualTo("claude-sonnet-4-5");
        assertThat(answered.response().model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(answered.cost()).isEqualTo(PRICES.cost("claude-sonnet-4-5-20250929", answered.response().usage()));
        assertThat(answered.failovers()).isEmpty();
    }

    @Test
    void aFallbacksAnswerNamesTheModelThatAnsweredAsItsProviderReportedIt() {
        sonnet.thenFail(overloaded());
        haiku.then((request, context) -> ScriptedModelClient.response("claude-haiku-4-5-20251001", "hi"));

        var answered = answered(chain.call(request(), runContext(clock)));

        assertThat(haiku.requests().getFirst().model()).isEqualTo("claude-haiku-4-5");
        assertThat(haiku.contexts().getFirst().endpoint()).isEqualTo(HAIKU);
        assertThat(sonnet.contexts().getFirst().endpoint()).isEqualTo(SONNET);
        assertThat(answered.response().model()).isEqualTo("claude-haiku-4-5-20251001");
    }

    @Test
    void movesOnWhenTheEndpointFailedRetryablyAfterItsRetries() {
        sonnet.thenFail(overloaded());
        haiku.thenAnswer("ok");

        var answered = answered(chain.call(request(), runContext(clock)));

        assertThat(answered.response().text()).isEqualTo("ok");
        assertThat(answered.failovers()).extracting(Failover::endpoint, Failover::code)
                .containsExactly(tuple(SONNET, "overloaded_error"));
        assertThat(sonnet.calls()).isEqualTo(1);
        assertThat(events.events()).containsExactly(new FallbackUsed(RUN, SONNET, HAIKU, "overloaded_error"));
    }

    @Test
    void doesNotMoveOnAfterABadRequest() {
        var failure = badRequest();
        sonnet.thenFail(failure);
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> chain.call(request(), runContext(clock))).isSameAs(failure);
        assertThat(haiku.calls()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void doesNotMoveOnAfterASpendLimitThoughItCameAsA429() {
        var failure = apiErrorSaying(429, ApiErrorType.RATE_LIMIT, "enforced_spend_limit_reached");
        sonnet.thenFail(failure);
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> chain.call(request(), runContext(clock))).isSameAs(failure);
        assertThat(haiku.calls()).isZero();
    }

    @Test
    void doesNotMoveOnAfterACancelledCall() {
        var failure = new ModelCancelledException(false);
        sonnet.thenFail(failure);
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> chain.call(request(), runContext(clock))).isSameAs(failure);
        assertThat(haiku.calls()).isZero();
    }

    @Test
    void doesNotMoveOnOnceTheRunIsCancelledEvenAfterARetryableFailure() {
        var cancellation = new CancellationSource();
        var failure = overloaded();
        sonnet.then((request, context) -> {
            cancellation.cancel();
            throw failure;
        });
        haiku.thenAnswer("never");
        var context = new CallContext(RUN, "default", "user_1", 1, Deadline.none(clock), cancellation,
                StreamObserver.NONE);

        assertThatThrownBy(() -> chain.call(request(), context)).isSameAs(failure);
        assertThat(haiku.calls()).isZero();
    }

    @Test
    void neverMovesOnAfterContentWasDeliveredToAStreamingCaller() {
        var failure = overloadedInStream(false);
        sonnet.thenStreamAndFail("Partial ans", failure);
        haiku.thenAnswer("never");

        assertThatThrownBy(() -> chain.call(request().withStream(true), runContext(clock))).isSameAs(failure);
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

        assertThatThrownBy(() -> chain.call(request(), runContext(deadline)))
                .isInstanceOf(ModelTimeoutException.class);
        assertThat(haiku.calls()).isZero();
    }

    @Test
    void theLastEndpointsFailureIsThrownNamingEveryEndpointTriedTheFailingOneLast() {
        var last = apiError(503, ApiErrorType.API_ERROR);
        sonnet.thenFail(overloaded());
        oldHaiku.thenFail(last);
        var haikuOpen = Refusal.ofEndpoint("circuit-breaker", "circuit_open", HAIKU, "haiku failed repeatedly");
        var threeWays = fallbackBefore(threeEndpoints, Chains.refusing(HAIKU, haikuOpen));

        assertThatThrownBy(() -> threeWays.call(request(), runContext(clock))).isSameAs(last);
        assertThat(last.attempts()).extracting(Failover::endpoint, Failover::model, Failover::code).containsExactly(
                tuple(SONNET, "claude-sonnet-4-5", "overloaded_error"),
                tuple(HAIKU, "claude-haiku-4-5", "circuit_open"),
                tuple(OLD_HAIKU, "claude-3-5-haiku", "api_error"));
    }

    @Test
    void aFailureThatEndsTheFallbackNamesTheEndpointsTriedUpToIt() {
        var failure = badRequest();
        sonnet.thenFail(overloaded());
        haiku.thenFail(failure);
        var threeWays = fallbackBefore(threeEndpoints, null);

        assertThatThrownBy(() -> threeWays.call(request(), runContext(clock))).isSameAs(failure);
        assertThat(failure.attempts()).extracting(Failover::endpoint, Failover::code).containsExactly(
                tuple(SONNET, "overloaded_error"), tuple(HAIKU, "invalid_request_error"));
        assertThat(oldHaiku.calls()).isZero();
    }

    @Test
    void passesABudgetRefusalThroughWithoutTryingAnotherEndpoint() {
        var overBudget = new Refusal("budget", "budget_exceeded", "the run's budget is spent",
                Refusal.Scope.BUDGET, SONNET);
        haiku.thenAnswer("never");

        var refused = refused(fallbackBefore(twoEndpoints, Chains.refusing(SONNET, overBudget))
                .call(request(), runContext(clock)));

        assertThat(refused).isEqualTo(new ModelOutcome.Refused(overBudget, List.of(new Failover(SONNET,
                "claude-sonnet-4-5", "budget_exceeded", "the run's budget is spent", "budget_exceeded"))));
        assertThat(sonnet.calls()).isZero();
        assertThat(haiku.calls()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void passesAPolicyRefusalThroughWithTheEndpointsTriedTheRefusingOneLast() {
        var forbidden = new Refusal("model-policy", "model_not_allowed", "haiku is not allowed for this tenant",
                Refusal.Scope.POLICY, HAIKU);
        sonnet.thenFail(overloaded());
        oldHaiku.thenAnswer("never");

        var refused = refused(fallbackBefore(threeEndpoints, Chains.refusing(HAIKU, forbidden))
                .call(request(), runContext(clock)));

        assertThat(refused.refusal()).isEqualTo(forbidden);
        assertThat(refused.failovers()).extracting(Failover::endpoint, Failover::code)
                .containsExactly(tuple(SONNET, "overloaded_error"), tuple(HAIKU, "model_not_allowed"));
        assertThat(oldHaiku.calls()).isZero();
    }

    @Test
    void whenEveryEndpointRefusesTheLastRefusalComesBackWithEveryEndpointTriedAndWhy() {
        ModelInterceptor everyBreakerOpen = inner -> new ModelOutcome.Refused(Refusal.ofEndpoint(
                "circuit-breaker", "circuit_open", inner.context().endpoint(), "open"));

        var refused = refused(fallbackBefore(twoEndpoints, everyBreakerOpen).call(request(), runContext(clock)));

        assertThat(refused.refusal().endpoint()).isEqualTo(HAIKU);
        assertThat(refused.failovers()).extracting(Failover::endpoint, Failover::code, Failover::reason)
                .containsExactly(tuple(SONNET, "circuit_open", "circuit_open"),
                        tuple(HAIKU, "circuit_open", "circuit_open"));
        assertThat(fallbackLink.skipped(SONNET)).isEqualTo(1);
        assertThat(sonnet.calls() + haiku.calls()).isZero();
    }

    @Test
    void aCallThatFailsAtTheOnlyEndpointIsThrownAsItIs() {
        var failure = overloaded();
        sonnet.thenFail(failure);
        var oneEndpoint = fallbackBefore(List.of(twoEndpoints.getFirst()), null);

        assertThatThrownBy(() -> oneEndpoint.call(request(), runContext(clock))).isSameAs(failure);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void rejectsDuplicateEndpointNames() {
        var endpoint = new ModelEndpoint("a", "m", sonnet);

        assertThatThrownBy(() -> new FallbackInterceptor(List.of(endpoint, endpoint), new RetryClassifier(clock), events))
                .hasMessageContaining("two endpoints are named 'a'");
    }

    @Test
    void rejectsAnEmptyListOfEndpoints() {
        assertThatThrownBy(() -> new FallbackInterceptor(List.of(), new RetryClassifier(clock), events))
                .hasMessageContaining("at least one endpoint");
    }
}
