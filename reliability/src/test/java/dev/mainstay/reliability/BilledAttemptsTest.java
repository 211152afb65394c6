package dev.mainstay.reliability;

import static dev.mainstay.reliability.testing.Chains.answered;
import static dev.mainstay.reliability.testing.Fixtures.overloadedInStream;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static dev.mainstay.reliability.testing.Fixtures.runContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.Usage;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.RecordingSleeper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt the provider billed (a stream that broke off before any text reached the caller, so it was
 * retried) stays on the bill: retry and fallback carry it to the outcome that ends the call, answer or failure.
 */
class BilledAttemptsTest {
    private static final String SONNET = "anthropic:claude-sonnet-4-5";
    private static final String HAIKU = "anthropic:claude-haiku-4-5";
    // Sonnet 4.5: 1,000 in × $3 + 10 out × $15 = 0.003 + 0.00015 = 0.00315
    private static final Usage BROKEN_OFF = new Usage(1_000, 10, 0, 0);
    private static final Cost BROKEN_OFF_COST = Cost.usd(new BigDecimal("0.00315"));

    private final FakeClock clock = new FakeClock();
    private final ReliabilityConfig config = new ReliabilityConfig(
            ReliabilityConfig.DEFAULT.retry(),
            ReliabilityConfig.DEFAULT.retryBudget(),
            CircuitBreakerConfig.DEFAULT,
            CircuitBreakerConfig.DEFAULT,
            List.of("claude-haiku-4-5"),
            ReliabilityConfig.DEFAULT.toolBulkhead(),
            ReliabilityConfig.DEFAULT.modelConcurrency(),
            ReliabilityConfig.DEFAULT.modelAttemptTimeout());

    private static ModelException brokenOff() {
        var failure = overloadedInStream(false);
        failure.recordBilledUsage(BROKEN_OFF);
        return failure;
    }

    private dev.mainstay.model.ModelChain chain(ScriptedModelClient provider) {
        var stack = ReliabilityStack.builder(config).clock(clock).sleeper(new RecordingSleeper(clock))
                .random(new Random(7)).listener(new RecordingListener())
                .endpoints(ReliabilityStack.endpoints("claude-sonnet-4-5", config.fallbackModels(), provider))
                .build();
        return Chains.modelChain(stack);
    }

    @Test
    void anAnswerAfterARetriedBrokenStreamCarriesBothAttempts() {
        var provider = new ScriptedModelClient("anthropic").thenFail(brokenOff()).thenAnswer("done");

        var outcome = answered(chain(provider).call(request(), runContext(clock)));

        // the answer: 10 in × $3 + 5 out × $15 = 0.00003 + 0.000075 = 0.000105
        assertThat(outcome.billed()).containsExactly(
                new BilledAttempt(SONNET, "claude-sonnet-4-5", BROKEN_OFF, BROKEN_OFF_COST),
                new BilledAttempt(SONNET, "claude-sonnet-4-5", new Usage(10, 5, 0, 0),
                        Cost.usd(new BigDecimal("0.000105"))));
        assertThat(outcome.cost()).isEqualTo(Cost.usd(new BigDecimal("0.003255")));
        assertThat(outcome.usage()).isEqualTo(BROKEN_OFF.plus(new Usage(10, 5, 0, 0)));
    }

    @Test
    void anAnswerFromTheFallbackCarriesEveryBilledAttemptOnThePrimary() {
        var provider = new ScriptedModelClient("anthropic").then((request, context) -> {
            if (request.model().equals("claude-sonnet-4-5")) {
                throw brokenOff();
            }
            return ScriptedModelClient.response(request.model(), "answered by " + request.model());
        });

        var outcome = answered(chain(provider).call(request(), runContext(clock)));

        long sonnetCalls = provider.requests().stream().filter(r -> r.model().equals("claude-sonnet-4-5")).count();
        assertThat(sonnetCalls).isGreaterThan(1);
        assertThat(outcome.billed()).hasSize((int) sonnetCalls + 1);
        assertThat(outcome.billed().subList(0, (int) sonnetCalls)).allSatisfy(a -> {
            assertThat(a.endpoint()).isEqualTo(SONNET);
            assertThat(a.cost()).isEqualTo(BROKEN_OFF_COST);
        });
        // Haiku 4.5: 10 in × $1 + 5 out × $5 = 0.00001 + 0.000025 = 0.000035
        assertThat(outcome.billed().getLast()).isEqualTo(new BilledAttempt(HAIKU, "claude-haiku-4-5",
                new Usage(10, 5, 0, 0), Cost.usd(new BigDecimal("0.000035"))));
        var expected = Cost.usd(new BigDecimal("0.00315").multiply(BigDecimal.valueOf(sonnetCalls))
                .add(new BigDecimal("0.000035")));
        assertThat(outcome.cost()).isEqualTo(expected);
    }

    @Test
    void aCallThatFailsEverywhereListsEveryBilledAttemptOnItsFailure() {
        var provider = new ScriptedModelClient("anthropic").then((request, context) -> {
            throw brokenOff();
        });

        var failure = catchThrowableOfType(ModelException.class, () -> chain(provider).call(request(),
                runContext(clock)));

        assertThat(failure.billed()).hasSize(provider.calls());
        assertThat(failure.billed()).extracting(BilledAttempt::endpoint).startsWith(SONNET).endsWith(HAIKU);
        assertThat(failure.billedUsage().inputTokens()).isEqualTo(1_000L * provider.calls());
    }
}
