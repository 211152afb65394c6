package dev.mainstay.reliability;

import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.event.ReliabilityEvent.FallbackUsed;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryGaveUp;
import dev.mainstay.reliability.health.HealthStatus.State;
import dev.mainstay.reliability.retry.RetryConfig;
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

    private ReliabilityStack.Builder builder() {
        return ReliabilityStack.builder(config).clock(clock).sleeper(sleeper).random(new Random(11)).listener(events)
                .metrics(registry);
    }

    @Test
    void anOverloadedPrimaryModelIsAbsorbedByRetriesThenTheFallbackModelThenItsOpenBreaker() {
        var provider = new ScriptedModelClient("anthropic").then((request, context) -> {
            if (request.model().equals("claude-sonnet-4-5")) {
                throw overloaded();
            }
            return ScriptedModelClient.response(request.model(), "answered by " + request.model());
        });
        var stack = builder().models("claude-sonnet-4-5", provider).build();

        for (var i = 0; i < 5; i++) {
            var response = stack.modelClient().call(request(), context(clock));
            assertThat(response.model()).isEqualTo("claude-haiku-4-5");
        }

        var sonnetAttempts = provider.requests().stream().filter(r -> r.model().equals("claude-sonnet-4-5")).count();
        // two logical calls of up to 4 attempts each open the breaker; the other three fail fast
        assertThat(sonnetAttempts).isLessThanOrEqualTo(2L * RetryConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(stack.modelBreakers().getFirst().state()).isEqualTo(BreakerState.OPEN);
        assertThat(events.events(FallbackUsed.class)).hasSize(5).allSatisfy(e -> {
            assertThat(e.from()).isEqualTo("anthropic:claude-sonnet-4-5");
            assertThat(e.to()).isEqualTo("anthropic:claude-haiku-4-5");
        });
        assertThat(events.events(FallbackUsed.class).getLast().causeCode()).isEqualTo("circuit_open");
        assertThat(stack.healthChecks().getFirst().check().state()).isEqualTo(State.DEGRADED);
    }

    @Test
    void aCallAdmittedBeforeThePrimaryBreakerOpenedStopsRetryingItAndFallsBack() {
        var provider = new ScriptedModelClient("anthropic").then((request, context) -> {
            if (request.model().equals("claude-sonnet-4-5")) {
                throw overloaded();
            }
            return ScriptedModelClient.response(request.model(), "answered by " + request.model());
        });
        var stack = new AtomicReference<ReliabilityStack>();
        var othersRan = new AtomicBoolean();
        // while the first call backs off, two other calls fail on the primary and open its breaker
        Sleeper othersOpenTheBreaker = duration -> {
            sleeper.sleep(duration);
            if (othersRan.compareAndSet(false, true)) {
                stack.get().modelClient().call(request(), context(clock));
                stack.get().modelClient().call(request(), context(clock));
            }
        };
        stack.set(builder().sleeper(othersOpenTheBreaker).models("claude-sonnet-4-5", provider).build());

        var response = stack.get().modelClient().call(request(), context(clock));

        assertThat(response.model()).isEqualTo("claude-haiku-4-5");
        assertThat(stack.get().modelBreakers().getFirst().state()).isEqualTo(BreakerState.OPEN);
        var sonnetAttempts = provider.requests().stream().filter(r -> r.model().equals("claude-sonnet-4-5")).count();
        // the other two calls made every attempt; the first stopped after its first once the breaker had opened
        assertThat(sonnetAttempts).isEqualTo(1 + 2L * RetryConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(events.events(RetryGaveUp.class)).extracting(RetryGaveUp::reason).contains("circuit_open");
    }

    @Test
    void exportsGaugesForEveryEndpointAndProvider() {
        var provider = new ScriptedModelClient("anthropic").thenAnswer("hi");
        builder().models("claude-sonnet-4-5", provider).build().modelClient().call(request(), context(clock));

        assertThat(registry.get("mainstay.retry_budget.balance").tag("endpoint", "anthropic:claude-haiku-4-5").gauge())
                .isNotNull();
        assertThat(registry.get("mainstay.breaker.state").tag("name", "anthropic:claude-sonnet-4-5").gauge().value())
                .isZero();
        assertThat(registry.get("mainstay.concurrency.limit").tag("name", "anthropic:claude-haiku-4-5").gauge().value())
                .isEqualTo(config.modelConcurrency().initialLimit()); // one call cannot prove a limit of 20 too small
    }

    @Test
    void toolInterceptorsDegradeAFailingToolAndOpenItsBreaker() throws Exception {
        var stack = builder().models("claude-sonnet-4-5", new ScriptedModelClient().thenAnswer("hi")).build();
        var tool = new FakeTool("web_search", context -> {
            throw new IOException("backend down");
        });

        tool.runThrough(stack.toolInterceptors(), FakeTool.context(clock));
        tool.runThrough(stack.toolInterceptors(), FakeTool.context(clock));
        var third = tool.runThrough(stack.toolInterceptors(), FakeTool.context(clock));

        assertThat(third.degraded()).isTrue();
        assertThat(third.content()).contains("circuit open");
        assertThat(tool.calls()).isEqualTo(2);
        assertThat(stack.toolBreaker().states()).isEqualTo(Map.of("tool:web_search", BreakerState.OPEN));
    }

    @Test
    void retriesWaitOnTheInjectedSleeperNotTheWallClock() {
        var provider = new ScriptedModelClient("anthropic").thenFail(overloaded("retry-after", "2")).thenAnswer("ok");
        var stack = builder().endpoint("primary", "claude-sonnet-4-5", provider).build();

        stack.modelClient().call(request(), context(clock));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }
}
