package dev.mainstay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.anthropic.AnthropicModelClient;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Failover;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelChain.Slot;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.reliability.FailureKind;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.sim.ErrorFault;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import dev.mainstay.testing.RecordingSleeper;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reliability links against the simulator's own error answers, through the real SDK client: every status, type,
 * header and wording as the simulator sends them, not as a hand-written fake would. Sleeps are recorded, not taken.
 */
class ReliabilityAgainstSimulatorTest {
    private static final String PRIMARY = "claude-sonnet-4-5";
    private static final String FALLBACK = "claude-haiku-4-5";

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0));
    private final AnthropicModelClient claude = new AnthropicModelClient(
            AnthropicConfig.of("sim-key").withBaseUrl(sim.baseUrl()));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final ReliabilityStack stack = ReliabilityStack.builder(ReliabilityConfig.DEFAULT)
            .sleeper(sleeper)
            .endpoints(ReliabilityStack.endpoints(PRIMARY, List.of(FALLBACK), claude)).build();
    private final ModelChain chain = ModelChain.builder(stack.endpoints(), PriceTable.anthropicDefaults())
            .add(Slot.FALLBACK, stack.fallback()).add(Slot.BREAKER, stack.modelBreaker())
            .add(Slot.RETRY, stack.retry()).add(Slot.CONCURRENCY, stack.concurrency())
            .add(Slot.DEADLINE, stack.deadline()).build();

    @AfterEach
    void stop() {
        claude.close();
        sim.close();
    }

    private ModelOutcome call() {
        var request = new ModelRequest(PRIMARY, "", List.of(Message.user("What is 12*7?")), List.of(), 256, false,
                false);
        var context = new CallContext("run_1", "default", "user", 1,
                Deadline.after(Duration.ofSeconds(60), InstantSource.system()), Cancellation.NEVER,
                StreamObserver.NONE);
        return chain.call(request, context);
    }

    private long requestsFor(String model) {
        return sim.stats().countForModel(model);
    }

    @ParameterizedTest
    @EnumSource(ErrorFault.class)
    void noClientErrorOrSpendLimitIsRetriedOrSentToTheFallback(ErrorFault fault) {
        sim.setFaults(FaultProfile.builder().rate(fault, 1.0).build().forModels(Set.of(PRIMARY)));

        var failure = catchThrowableOfType(ModelApiException.class, this::call);

        assertThat(failure.status()).isEqualTo(fault.status());
        assertThat(requestsFor(PRIMARY)).isEqualTo(1);
        assertThat(requestsFor(FALLBACK)).isZero();
        assertThat(sleeper.sleeps()).isEmpty();
        var expected = switch (fault) {
            case USAGE_LIMIT_429, CREDIT_BALANCE_400 -> FailureKind.SPEND_LIMIT;
            default -> FailureKind.CLIENT_ERROR;
        };
        assertThat(new RetryClassifier(InstantSource.system()).kind(failure)).isEqualTo(expected);
    }

    @Test
    void anOverloadTheServerSaysNotToRetryIsNeitherRetriedNorSentOn() {
        sim.setFaults(FaultProfile.builder().rate529(1.0).shouldRetryHeader(FaultProfile.ShouldRetryHeader.FALSE)
                .build().forModels(Set.of(PRIMARY)));

        catchThrowableOfType(ModelApiException.class, this::call);

        assertThat(requestsFor(PRIMARY)).isEqualTo(1);
        assertThat(requestsFor(FALLBACK)).isZero();
    }

    @ParameterizedTest
    @EnumSource(FaultProfile.RetryAfterFormat.class)
    void aRateLimitInEveryHintFormatMarksThePrimaryLimitedAndTheFallbackAnswersAtOnce(
            FaultProfile.RetryAfterFormat format) {
        sim.setFaults(FaultProfile.builder().rate429(1.0).retryAfter(Duration.ofSeconds(20)).retryAfterFormat(format)
                .build().forModels(Set.of(PRIMARY)));

        var first = (ModelOutcome.Answered) call();
        var second = (ModelOutcome.Answered) call();

        assertThat(first.response().model()).startsWith(FALLBACK);
        assertThat(first.failovers()).extracting(Failover::code, Failover::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rate_limit_error", "rate_limited"));
        assertThat(second.failovers()).extracting(Failover::code).containsExactly("rate_limited");
        assertThat(requestsFor(PRIMARY)).as("the second call did not ask the primary again").isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
        var until = stack.rateLimits().limitedUntil(stack.endpoints().getFirst().name()).orElseThrow();
        assertThat(Duration.between(java.time.Instant.now(), until)).isGreaterThan(Duration.ofSeconds(15));
    }
}
