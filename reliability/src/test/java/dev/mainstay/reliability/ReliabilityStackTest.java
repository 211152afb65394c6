package dev.mainstay.reliability;

import static dev.mainstay.reliability.testing.Chains.answered;
import static dev.mainstay.reliability.testing.Chains.refused;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static dev.mainstay.reliability.testing.Fixtures.runContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelException;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.event.ReliabilityEvent;
import dev.mainstay.reliability.event.ReliabilityEvent.BreakerStateChanged;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryGaveUp;
import dev.mainstay.reliability.health.HealthStatus.State;
import dev.mainstay.reliability.retry.RetryConfig;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.FakeTool;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import dev.mainstay.time.Sleeper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReliabilityStackTest {
    private static final String SONNET = "anthropic:claude-sonnet-4-5";
    private static final String HAIKU = "anthropic:claude-haiku-4-5";

    private final FakeClock clock = new FakeClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final RecordingListener events = new RecordingListener();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReliabilityConfig config = new ReliabilityConfig(
            ReliabilityConfig.DEFAULT.retry(),
            ReliabilityConfig.DEFAULT.retryBudget(),
            CircuitBreakerConfig.DEFAULT.withSlidingWindow(4, 2),
            CircuitBreakerConfig.DEFAULT.withSlidingWindow(4, 2),
            List.of("claude-haiku-4-5"),
            ReliabilityConfig.DEFAULT.toolBulkhead(),
            ReliabilityConfig.DEFAULT.modelConcurrency(),
            ReliabilityConfig.DEFAULT.modelAttemptTimeout());

    /** A provider on which Sonnet is overloaded and every other model answers. */
    private final ScriptedModelClient sonnetOverloaded = new ScriptedModelClient("anthropic").then((request, context) -> {
        if (request.model().equals("claude-sonnet-4-5")) {
            throw overloaded();
        }
        return ScriptedModelClient.response(request.model(), "answered by " + request.model());
    });

    private ReliabilityStack.Builder builder() {
        return ReliabilityStack.builder(config).clock(clock).sleeper(sleeper).random(new Random(11)).listener(events)
                .metrics(registry);
    }

    /** Sonnet, then the configured fallback models, on {@code provider}. */
    private ReliabilityStack.Builder builder(ScriptedModelClient provider) {
        return builder().endpoints(ReliabilityStack.endpoints("claude-sonnet-4-5", config.fallbackModels(), provider));
    }

    private long sonnetAttempts(ScriptedModelClient provider) {
        return provider.requests().stream().filter(r -> r.model().equals("claude-sonnet-4-5")).count();
    }

    @Test
    void anOverloadedPrimaryModelIsAbsorbedByRetriesThenTheFallbackModelThenItsOpenBreaker() {
        var stack = builder(sonnetOverloaded).build();
        var chain = Chains.modelChain(stack);

        for (var i = 0; i < 5; i++) {
            var response = answered(chain.call(request(), runContext(clock))).response();
            assertThat(response.model()).isEqualTo("claude-haiku-4-5");
        }

        // two logical calls of up to 4 attempts each open the breaker; the other three fail fast
        assertThat(sonnetAttempts(sonnetOverloaded)).isLessThanOrEqualTo(2L * RetryConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(stack.modelBreaker().state(SONNET)).isEqualTo(BreakerState.OPEN);
        assertThat(events.events(FallbackUsed.class)).hasSize(5).allSatisfy(e -> {
            assertThat(e.from()).isEqualTo(SONNET);
            assertThat(e.to()).isEqualTo(HAIKU);
        });
        assertThat(events.events(FallbackUsed.class).getLast().causeCode()).isEqualTo("circuit_open");
        assertThat(stack.healthChecks().getFirst().check().state()).isEqualTo(State.DEGRADED);
    }

    @Test
    void openingThePrimarysBreakerLeavesTheFallbacksBreakerClosed() {
        var stack = builder(sonnetOverloaded).build();
        var chain = Chains.modelChain(stack);

        for (var i = 0; i < 3; i++) {
            chain.call(request(), runContext(clock));
        }

        assertThat(stack.modelBreaker().states()).isEqualTo(Map.of(SONNET, BreakerState.OPEN, HAIKU, BreakerState.CLOSED));
        assertThat(stack.healthChecks().getFirst().check().detail()).isEqualTo(SONNET + " open");
    }

    @Test
    void aCallAdmittedBeforeThePrimaryBreakerOpenedStopsRetryingItAndFallsBack() {
        var chain = new AtomicReference<ModelChain>();
        var othersRan = new AtomicBoolean();
        // while the first call backs off, two other calls fail on the primary and open its breaker
        Sleeper othersOpenTheBreaker = duration -> {
            sleeper.sleep(duration);
            if (othersRan.compareAndSet(false, true)) {
                chain.get().call(request(), runContext(clock));
                chain.get().call(request(), runContext(clock));
            }
        };
        var generous = ReliabilityStack.builder(new ReliabilityConfig(config.retry(),
                        config.retryBudget().withMinRetriesPerSecond(1000), config.modelBreaker(), config.toolBreaker(),
                        config.fallbackModels(), config.toolBulkhead(), config.modelConcurrency(),
                        config.modelAttemptTimeout()))
                .clock(clock).random(new Random(11)).listener(events)
                .endpoints(ReliabilityStack.endpoints("claude-sonnet-4-5", config.fallbackModels(), sonnetOverloaded));
        var stack = generous.sleeper(othersOpenTheBreaker).build();
        chain.set(Chains.modelChain(stack));

        var response = answered(chain.get().call(request(), runContext(clock))).response();

        assertThat(response.model()).isEqualTo("claude-haiku-4-5");
        assertThat(stack.modelBreaker().state(SONNET)).isEqualTo(BreakerState.OPEN);
        // the other two calls made every attempt; the first stopped after its first once the breaker had opened
        assertThat(sonnetAttempts(sonnetOverloaded)).isEqualTo(1 + 2L * RetryConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(events.events(RetryGaveUp.class)).extracting(RetryGaveUp::reason).contains("circuit_open");
    }

    @Test
    void whenEveryEndpointsBreakerIsOpenCallsAreRefusedAndTheRuntimeIsDown() {
        var provider = new ScriptedModelClient("anthropic").alwaysFail(overloaded());
        var stack = builder(provider).build();
        var chain = Chains.modelChain(stack);

        for (var i = 0; i < 2; i++) {
            assertThatThrownBy(() -> chain.call(request(), runContext(clock)))
                    .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.attempts())
                            .extracting(Failover::endpoint, Failover::code)
                            .containsExactly(tuple(SONNET, "overloaded_error"), tuple(HAIKU, "overloaded_error")));
        }
        var attemptsSoFar = provider.calls();
        var refused = refused(chain.call(request(), runContext(clock)));

        assertThat(refused.refusal().code()).isEqualTo("circuit_open");
        assertThat(refused.refusal().endpoint()).isEqualTo(HAIKU);
        assertThat(refused.failovers()).extracting(Failover::endpoint, Failover::code)
                .containsExactly(tuple(SONNET, "circuit_open"), tuple(HAIKU, "circuit_open"));
        assertThat(provider.calls()).isEqualTo(attemptsSoFar);
        assertThat(stack.healthChecks().getFirst().check().state()).isEqualTo(State.DOWN);
    }

    @Test
    void everyEventNamesTheRunWhoseCallCausedIt() {
        var chain = Chains.modelChain(builder(sonnetOverloaded).build());

        for (var run : List.of("run_a", "run_b", "run_c")) {
            var before = events.events().size();
            chain.call(request(), runContext(run, clock));
            var ofThisCall = events.events().subList(before, events.events().size());
            assertThat(ofThisCall).isNotEmpty().extracting(ReliabilityEvent::runId).containsOnly(run);
        }
        // run_b's failure was the one that opened the breaker; run_c was refused by it
        assertThat(events.events(BreakerStateChanged.class)).extracting(BreakerStateChanged::runId)
                .containsExactly("run_b");
        assertThat(events.events(FallbackUsed.class)).extracting(FallbackUsed::runId, FallbackUsed::causeCode)
                .containsExactly(tuple("run_a", "overloaded_error"), tuple("run_b", "overloaded_error"),
                        tuple("run_c", "circuit_open"));
    }

    @Test
    void exportsGaugesForEveryEndpoint() {
        var provider = new ScriptedModelClient("anthropic").thenAnswer("hi");
        Chains.modelChain(builder(provider).build()).call(request(), runContext(clock));

        assertThat(registry.get("mainstay.retry_budget.balance").tag("endpoint", HAIKU).gauge()).isNotNull();
        assertThat(registry.get("mainstay.breaker.state").tag("name", SONNET).gauge().value()).isZero();
        assertThat(registry.get("mainstay.concurrency.limit").tag("name", HAIKU).gauge().value())
                .isEqualTo(config.modelConcurrency().initialLimit()); // one call cannot prove a limit of 20 too small
    }

    @Test
    void toolLinksDegradeAFailingToolAndOpenItsBreaker() throws Exception {
        var stack = builder(new ScriptedModelClient().thenAnswer("hi")).build();
        var tools = Chains.toolChain(stack);
        var tool = new FakeTool("web_search", context -> {
            throw new IOException("backend down");
        });

        tool.runThrough(tools, FakeTool.context(clock));
        tool.runThrough(tools, FakeTool.context(clock));
        var third = tool.runThrough(tools, FakeTool.context(clock));

        assertThat(third.degraded()).isTrue();
        assertThat(third.content()).contains("circuit open");
        assertThat(tool.calls()).isEqualTo(2);
        assertThat(stack.toolBreaker().states()).isEqualTo(Map.of("tool:web_search", BreakerState.OPEN));
    }

    @Test
    void retriesWaitOnTheInjectedSleeperNotTheWallClock() {
        var provider = new ScriptedModelClient("anthropic").thenFail(overloaded("retry-after", "2")).thenAnswer("ok");
        var stack = builder().endpoint(new ModelEndpoint("primary", "claude-sonnet-4-5", provider)).build();

        Chains.modelChain(stack).call(request(), runContext(clock));

        // the hint is a floor; the ordinary jittered backoff (at most 500 ms before the first retry) comes on top
        assertThat(sleeper.sleeps()).singleElement().satisfies(d -> assertThat(d)
                .isBetween(Duration.ofSeconds(2), Duration.ofMillis(2500)));
    }

    @Test
    void endpointsAreNamedByProviderAndModelAndAFallbackEqualToThePrimaryIsLeftOut() {
        // the primary sends the request's model (routing may choose another); each fallback its own
        var provider = new ScriptedModelClient("anthropic");

        var endpoints = ReliabilityStack.endpoints("claude-sonnet-4-5",
                List.of("claude-sonnet-4-5", "claude-haiku-4-5"), provider);

        assertThat(endpoints).containsExactly(
                new ModelEndpoint(SONNET, "", provider),
                new ModelEndpoint(HAIKU, "claude-haiku-4-5", provider));
    }

    @Test
    void aStackNeedsAtLeastOneModelEndpoint() {
        assertThatThrownBy(() -> builder().build()).hasMessageContaining("at least one model endpoint");
    }
}
