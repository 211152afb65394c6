package dev.mainstay.reliability.testing;

import static dev.mainstay.model.ModelChain.Slot.BREAKER;
import static dev.mainstay.model.ModelChain.Slot.CONCURRENCY;
import static dev.mainstay.model.ModelChain.Slot.DEADLINE;
import static dev.mainstay.model.ModelChain.Slot.FALLBACK;
import static dev.mainstay.model.ModelChain.Slot.RETRY;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Refusal;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.tool.ToolChain;
import java.util.List;

/**
 * Model and tool chains for tests, composed as the composition root composes them, and readers of their outcomes.
 */
public final class Chains {
    public static final PriceTable PRICES = PriceTable.anthropicDefaults();

    private Chains() {}

    /**
     * {@code link} in {@code slot} in front of one endpoint named {@link Fixtures#ENDPOINT} that sends the request's
     * own model to {@code provider}. Call it with {@link Fixtures#context}, which names that endpoint.
     */
    public static ModelChain oneLink(ModelChain.Slot slot, ModelInterceptor link, ModelClient provider) {
        return ModelChain.builder(List.of(new ModelEndpoint(Fixtures.ENDPOINT, "", provider)), PRICES)
                .add(slot, link)
                .build();
    }

    /** The stack's model links in their slots: {@code FALLBACK → BREAKER → RETRY → CONCURRENCY → DEADLINE}. */
    public static ModelChain modelChain(ReliabilityStack stack) {
        return ModelChain.builder(stack.endpoints(), PRICES)
                .add(FALLBACK, stack.fallback())
                .add(BREAKER, stack.modelBreaker())
                .add(RETRY, stack.retry())
                .add(CONCURRENCY, stack.concurrency())
                .add(DEADLINE, stack.deadline())
                .build();
    }

    /** The stack's tool links in their slots: {@code BREAKER → BULKHEAD}. */
    public static ToolChain toolChain(ReliabilityStack stack) {
        return ToolChain.builder()
                .add(ToolChain.Slot.BREAKER, stack.toolBreaker())
                .add(ToolChain.Slot.BULKHEAD, stack.toolBulkhead())
                .build();
    }

    /** An inner link that refuses every call to {@code endpoint} with {@code refusal} and passes the others on. */
    public static ModelInterceptor refusing(String endpoint, Refusal refusal) {
        return chain -> chain.context().endpoint().equals(endpoint)
                ? new ModelOutcome.Refused(refusal)
                : chain.proceed(chain.request());
    }

    /** The answer of {@code outcome}; fails the test when the call was refused. */
    public static ModelOutcome.Answered answered(ModelOutcome outcome) {
        return switch (outcome) {
            case ModelOutcome.Answered answered -> answered;
            case ModelOutcome.Refused refused -> throw new AssertionError("expected an answer, but got " + refused);
        };
    }

    /** The response of {@code outcome}; fails the test when the call was refused. */
    public static ModelResponse response(ModelOutcome outcome) {
        return answered(outcome).response();
    }

    /** The refusal of {@code outcome}; fails the test when the call was answered. */
    public static ModelOutcome.Refused refused(ModelOutcome outcome) {
        return switch (outcome) {
            case ModelOutcome.Refused refused -> refused;
            case ModelOutcome.Answered answered -> throw new AssertionError("expected a refusal, but got " + answered);
        };
    }
}
