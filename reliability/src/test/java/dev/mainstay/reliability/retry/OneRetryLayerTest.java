package dev.mainstay.reliability.retry;

import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.overloadedInStream;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static dev.mainstay.reliability.testing.Fixtures.runContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.Failover;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import dev.mainstay.tool.Toolbox;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Retries happen in one place: the loop's restart of a broken stream and a breaker's probes are counted there. */
class OneRetryLayerTest {
    private static final String SONNET = "anthropic:claude-sonnet-4-5";

    private final FakeClock clock = new FakeClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final ScriptedModelClient provider = new ScriptedModelClient("anthropic");

    private ReliabilityStack stack(ReliabilityConfig config, List<String> fallbacks) {
        return ReliabilityStack.builder(config).clock(clock).sleeper(sleeper).random(new Random(9))
                .endpoints(ReliabilityStack.endpoints("claude-sonnet-4-5", fallbacks, provider)).build();
    }

    private static AgentSpec streamingAgent() {
        return new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(List.of()), RunLimits.DEFAULTS, true, false);
    }

    @Test
    void theLoopsRestartOfABrokenStreamIsARetryPaidFromTheBudgetNotAFirstAttempt() {
        var stack = stack(ReliabilityConfig.DEFAULT, List.of());
        provider.thenStreamAndFail("The answer is", overloadedInStream(true)).thenAnswer("The answer is 4.");

        try (var loop = AgentLoop.builder(Chains.modelChain(stack)).clock(clock).build()) {
            var result = loop.run(streamingAgent(), new RunRequest("run_s", "default", "u", "2+2?"));

            assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        }
        var figures = stack.figures(SONNET);
        assertThat(figures.firstAttempts()).isEqualTo(1);
        assertThat(figures.retries()).as("the restart").isEqualTo(1);
    }

    @Test
    void aRestartTheBudgetCannotFundIsRefusedAndTheRunEndsWithThatReason() {
        var noRetries = new ReliabilityConfig(ReliabilityConfig.DEFAULT.retry(), new RetryBudgetConfig(0, 0, 1),
                CircuitBreakerConfig.DEFAULT, CircuitBreakerConfig.DEFAULT, List.of(),
                ReliabilityConfig.DEFAULT.toolBulkhead(), ReliabilityConfig.DEFAULT.modelConcurrency(),
                ReliabilityConfig.DEFAULT.modelAttemptTimeout());
        var stack = stack(noRetries, List.of());
        provider.thenStreamAndFail("The answer is", overloadedInStream(true)).thenAnswer("never reached");

        try (var loop = AgentLoop.builder(Chains.modelChain(stack)).clock(clock).build()) {
            var result = loop.run(streamingAgent(), new RunRequest("run_s", "default", "u", "2+2?"));

            assertThat(result.stopReason()).isEqualTo(RunStopReason.FAILED);
            assertThat(result.error().orElseThrow().code()).isEqualTo("retry_budget_exhausted");
        }
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(stack.figures(SONNET).budgetDenials()).isEqualTo(1);
    }

    @Test
    void aHalfOpenBreakersProbeIsOneAttempt() {
        var breaker = CircuitBreakerConfig.DEFAULT.withSlidingWindow(2, 2);
        var config = new ReliabilityConfig(ReliabilityConfig.DEFAULT.retry(),
                ReliabilityConfig.DEFAULT.retryBudget().withMinRetriesPerSecond(1000), breaker, breaker, List.of(),
                ReliabilityConfig.DEFAULT.toolBulkhead(), ReliabilityConfig.DEFAULT.modelConcurrency(),
                ReliabilityConfig.DEFAULT.modelAttemptTimeout());
        var stack = stack(config, List.of());
        var chain = Chains.modelChain(stack);
        provider.alwaysFail(overloaded());
        for (var i = 0; i < 2; i++) {
            assertThatThrownBy(() -> chain.call(request(), runContext(clock)));
        }
        assertThat(stack.modelBreaker().state(SONNET)).isEqualTo(BreakerState.OPEN);
        clock.advance(breaker.waitDurationInOpenState().plusSeconds(1));
        var before = provider.calls();
        var retriesBefore = stack.figures(SONNET).retries();

        for (var i = 0; i < breaker.permittedCallsInHalfOpenState(); i++) {
            try {
                chain.call(request(), runContext(clock));
            } catch (dev.mainstay.model.ModelException expected) {
                // each probe fails: the provider is still overloaded
            }
        }

        // the probes' failures reopen the breaker after two of them (its minimum of calls); none was retried
        assertThat(provider.calls() - before).isEqualTo(2);
        assertThat(stack.figures(SONNET).retries()).isEqualTo(retriesBefore);
        assertThat(stack.modelBreaker().state(SONNET)).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aFailedStepRecordsTheModelThatFailedEveryModelTriedAndWhyTheRunMovedOn() {
        var stack = stack(new ReliabilityConfig(ReliabilityConfig.DEFAULT.retry(), new RetryBudgetConfig(0, 0, 1),
                CircuitBreakerConfig.DEFAULT, CircuitBreakerConfig.DEFAULT, List.of("claude-haiku-4-5"),
                ReliabilityConfig.DEFAULT.toolBulkhead(), ReliabilityConfig.DEFAULT.modelConcurrency(),
                ReliabilityConfig.DEFAULT.modelAttemptTimeout()), List.of("claude-haiku-4-5"));
        provider.alwaysFail(overloaded());
        var agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(List.of()), RunLimits.DEFAULTS, false,
                false);

        try (var loop = AgentLoop.builder(Chains.modelChain(stack)).clock(clock).build()) {
            var result = loop.run(agent, new RunRequest("run_f", "default", "u", "2+2?"));

            var step = result.steps().stream().filter(ModelStep.class::isInstance).map(ModelStep.class::cast)
                    .findFirst().orElseThrow();
            assertThat(step.model()).isEqualTo("claude-haiku-4-5");
            assertThat(step.failovers()).extracting(Failover::model, Failover::code, Failover::reason)
                    .containsExactly(
                            org.assertj.core.api.Assertions.tuple("claude-sonnet-4-5", "overloaded_error",
                                    "retry_budget_exhausted"),
                            org.assertj.core.api.Assertions.tuple("claude-haiku-4-5", "overloaded_error",
                                    "retry_budget_exhausted"));
        }
        assertThat(sleeper.sleeps()).as("moved on at once: no backoff without budget").isEmpty();
        assertThat(stack.figures(SONNET).skipped()).isEqualTo(1);
    }
}
