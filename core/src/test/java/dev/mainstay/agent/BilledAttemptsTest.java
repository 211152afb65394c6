package dev.mainstay.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.Toolbox;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every attempt the provider billed is one {@link BilledAttempt}: the answered step's totals include the billed
 * failed attempts before it, the journal keeps the list, and the run counts each once.
 */
class BilledAttemptsTest {
    private static final PriceTable PRICES = PriceTable.anthropicDefaults();
    // Sonnet 4.5: 1,200 in × $3 + 35 out × $15 = 0.0036 + 0.000525 = 0.004125
    private static final Usage BROKEN_OFF = new Usage(1_200, 35, 0, 0);
    // ScriptedModel.text: 100 in × $3 + 20 out × $15 = 0.0003 + 0.0003 = 0.0006
    private static final Usage ANSWER = new Usage(100, 20, 0, 0);

    /** Retries once, as the reliability module's retry link does, carrying the billed failure forward. */
    private static final ModelInterceptor RETRY_ONCE = chain -> {
        try {
            return chain.proceed(chain.request(), chain.context());
        } catch (ModelException failure) {
            return chain.proceed(chain.request(), chain.context()).withEarlierBilled(failure.billed());
        }
    };

    private static ModelApiException brokenStream() {
        var failure = new ModelApiException(200, ApiErrorType.OVERLOADED, "Overloaded", ResponseHeaders.EMPTY, "req_1",
                true, false);
        failure.recordBilledUsage(BROKEN_OFF);
        return failure;
    }

    @Test
    void theChainsLastLinkPricesEachAttemptForItsEndpoint() {
        var model = new ScriptedModel().thenThrow(brokenStream());
        var chain = ModelChain.builder(List.of(new ModelEndpoint("primary", "claude-sonnet-4-5", model)), PRICES)
                .build();

        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(ModelException.class,
                () -> chain.call(new dev.mainstay.model.ModelRequest("claude-sonnet-4-5", "",
                        List.of(dev.mainstay.model.Message.user("hi")), List.of(), 100, false, false), context()));

        assertThat(failure.billed()).containsExactly(new BilledAttempt("primary", "claude-sonnet-4-5", BROKEN_OFF,
                Cost.usd(new BigDecimal("0.004125"))));
        assertThat(failure.billedCost()).isEqualTo(Cost.usd(new BigDecimal("0.004125")));
    }

    @Test
    void anAnswerAfterABilledFailureCountsBothInItsStepAndTheRun() {
        var model = new ScriptedModel().thenThrow(brokenStream()).then(ScriptedModel.text("Done."));
        var chain = ModelChain.builder(List.of(new ModelEndpoint("primary", "", model)), PRICES)
                .add(ModelChain.Slot.RETRY, RETRY_ONCE).build();
        var agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS, false, false);

        try (var loop = AgentLoop.builder(chain).build()) {
            var result = loop.run(agent, new RunRequest("run_billed", "default", "u", "tell me"));

            var step = result.steps().stream().filter(ModelStep.class::isInstance).map(ModelStep.class::cast)
                    .findFirst().orElseThrow();
            assertThat(step.billed()).extracting(BilledAttempt::usage).containsExactly(BROKEN_OFF, ANSWER);
            assertThat(step.billed()).extracting(BilledAttempt::endpoint).containsExactly("primary", "primary");
            assertThat(step.usage()).isEqualTo(BROKEN_OFF.plus(ANSWER));
            assertThat(step.cost()).isEqualTo(Cost.usd(new BigDecimal("0.004725")));
            assertThat(step.response().orElseThrow().usage()).as("the answer's own usage").isEqualTo(ANSWER);
            assertThat(step.priceTable()).isEqualTo(PriceTable.ANTHROPIC_VERSION);
            assertThat(result.usage()).isEqualTo(BROKEN_OFF.plus(ANSWER));
            assertThat(result.cost()).isEqualTo(step.cost());
            var decoded = (ModelStep) JournalCodec.decode(JournalCodec.encode(step));
            assertThat(decoded.billed()).isEqualTo(step.billed());
            assertThat(decoded.usage()).isEqualTo(step.usage());
            assertThat(decoded.priceTable()).isEqualTo(step.priceTable());
        }
    }

    @Test
    void anOutcomeWithoutItemisedAttemptsKeepsItsOwnCostWhenEarlierOnesAreAdded() {
        var earlier = new BilledAttempt("primary", "claude-sonnet-4-5", BROKEN_OFF, Cost.usd(new BigDecimal("0.004125")));
        var answered = new ModelOutcome.Answered(ScriptedModel.text("Done."), Cost.usd(new BigDecimal("0.0006")),
                List.of());

        var total = answered.withEarlierBilled(List.of(earlier));

        assertThat(total.billed()).hasSize(2);
        assertThat(total.cost()).isEqualTo(Cost.usd(new BigDecimal("0.004725")));
        assertThat(total.usage()).isEqualTo(BROKEN_OFF.plus(ANSWER));
    }

    @Test
    void theSameFailureSeenTwiceIsBilledOnce() {
        var failure = brokenStream();
        failure.recordBilled(new BilledAttempt("primary", "claude-sonnet-4-5", BROKEN_OFF, Cost.ZERO));

        failure.addBilled(failure);
        failure.addBilled(failure.billed());

        assertThat(failure.billed()).hasSize(1);
    }

    private static dev.mainstay.model.CallContext context() {
        return new dev.mainstay.model.CallContext("run_1", "default", "user_1", 1,
                dev.mainstay.time.Deadline.none(java.time.InstantSource.system()), dev.mainstay.time.Cancellation.NEVER,
                dev.mainstay.model.StreamObserver.NONE);
    }
}
