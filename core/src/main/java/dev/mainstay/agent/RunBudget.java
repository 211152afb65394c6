package dev.mainstay.agent;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.cost.WorstCase;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TokenEstimator;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A run's own budget ({@link dev.mainstay.run.RunLimits#maxCostUsd()}, {@code maxTotalTokens}, {@code maxToolCalls})
 * checked before the run spends: a model call must fit what is left of the run's dollars and tokens — its
 * {@code max_tokens} lowered until it does — and a turn's tool calls what is left of its tool calls. Everything it
 * reads is the fold of the journal (the run's cost and usage so far, its tool steps), so a resumed run decides as
 * the live run did. The tenant's and users' budgets, shared by every run, are the {@code BUDGET} link's.
 */
final class RunBudget {
    /** The stable code of a run that stopped on its own budget. */
    static final String CODE = "run_budget_exceeded";

    private RunBudget() {}

    /** What the next model call may be: {@code request}, perhaps with a smaller {@code max_tokens}, or a stop. */
    sealed interface Fit {
        record Fits(ModelRequest request) implements Fit {}

        record Exceeded(StepError error) implements Fit {}
    }

    static Fit model(RunState state, ModelRequest request, PriceTable prices) {
        var limits = state.agent.limits();
        var fitted = request;
        if (limits.maxTotalTokens() <= 0 && limits.maxCostUsd().isEmpty()) {
            return new Fit.Fits(fitted);
        }
        long input = TokenEstimator.estimateInput(request); // once: a smaller max_tokens leaves the input as it is
        if (limits.maxTotalTokens() > 0) {
            long left = limits.maxTotalTokens() - state.usage.totalTokens();
            if (left - input < 1) {
                return exceeded("the run has used " + state.usage.totalTokens() + " of its " + limits.maxTotalTokens()
                        + " tokens; the next call's input alone is about " + input);
            }
            if (input + fitted.maxTokens() > left) {
                fitted = fitted.withMaxTokens((int) Math.min(Integer.MAX_VALUE, left - input));
            }
        }
        if (limits.maxCostUsd().isPresent()) {
            var max = limits.maxCostUsd().get();
            var price = prices.priceOf(fitted.model());
            if (price.isEmpty()) {
                return exceeded("model '" + fitted.model() + "' has no price, so the run's $" + max.toPlainString()
                        + " budget cannot be kept");
            }
            var left = max.subtract(state.cost.pricedUsd());
            var worst = WorstCase.of(input, fitted.maxTokens(), price.get());
            if (worst.usd().compareTo(left) > 0) {
                int fits = left.signum() <= 0 ? 0 : worst.maxTokensWithin(left);
                if (fits < 1) {
                    return exceeded("the run has spent $" + state.cost.pricedUsd().toPlainString() + " of its $"
                            + max.toPlainString() + "; the next call's worst case is $" + worst.usd().toPlainString());
                }
                fitted = fitted.withMaxTokens(fits);
            }
        }
        return new Fit.Fits(fitted);
    }

    /** The stop of a turn asking for {@code asked} tool calls when the run has fewer left; empty when they fit. */
    static Optional<StepError> tools(RunState state, int asked) {
        int max = state.agent.limits().maxToolCalls();
        if (max <= 0 || asked == 0) {
            return Optional.empty();
        }
        long made = state.entries.stream().filter(ToolStep.class::isInstance).count();
        if (made + asked <= max) {
            return Optional.empty();
        }
        return Optional.of(new StepError(CODE, "the run has made " + made + " of its " + max
                + " tool calls; the model asked for " + asked + " more"));
    }

    private static Fit exceeded(String message) {
        return new Fit.Exceeded(new StepError(CODE, message));
    }

}
